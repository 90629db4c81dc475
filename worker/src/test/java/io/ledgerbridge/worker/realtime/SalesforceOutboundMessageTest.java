package io.ledgerbridge.worker.realtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ledgerbridge.worker.realtime.SalesforceOutboundMessage.Notified;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class SalesforceOutboundMessageTest {
  static final String MESSAGE = """
      <?xml version="1.0" encoding="UTF-8"?>
      <soapenv:Envelope xmlns:soapenv="http://schemas.xmlsoap.org/soap/envelope/" xmlns:xsd="http://www.w3.org/2001/XMLSchema" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">
       <soapenv:Body>
        <notifications xmlns="http://soap.sforce.com/2005/09/outbound">
         <OrganizationId>00D000000000001AAA</OrganizationId>
         <ActionId>04k000000000001AAA</ActionId>
         <SessionId xsi:nil="true"/>
         <EnterpriseUrl>https://example.my.salesforce.com/services/Soap/c/62.0/00D000000000001</EnterpriseUrl>
         <PartnerUrl>https://example.my.salesforce.com/services/Soap/u/62.0/00D000000000001</PartnerUrl>
         <Notification>
          <Id>04l000000000001AAA</Id>
          <sObject xsi:type="sf:Account" xmlns:sf="urn:sobject.enterprise.soap.sforce.com">
           <sf:Id>001000000000001AAA</sf:Id>
           <sf:Name>Acme &amp; Sons</sf:Name>
          </sObject>
         </Notification>
         <Notification>
          <Id>04l000000000002AAA</Id>
          <sObject xsi:type="sf:Account" xmlns:sf="urn:sobject.enterprise.soap.sforce.com">
           <sf:Id>001000000000002AAA</sf:Id>
          </sObject>
         </Notification>
        </notifications>
       </soapenv:Body>
      </soapenv:Envelope>
      """;

  @Test
  void eachNotificationNamesItsRecordsTypeAndId() {
    assertThat(SalesforceOutboundMessage.records(MESSAGE.strip().getBytes(StandardCharsets.UTF_8))).containsExactly(
        new Notified("Account", "001000000000001AAA"), new Notified("Account", "001000000000002AAA"));
  }

  @Test
  void theAcknowledgementIsTheOneSalesforceWaitsFor() {
    assertThat(SalesforceOutboundMessage.ACK).contains("<notificationsResponse xmlns=\"http://soap.sforce.com/2005/09/outbound\">"
        + "<Ack>true</Ack></notificationsResponse>");
  }

  @Test
  void aDocumentTypeIsRefusedSoNoExternalEntityIsRead() {
    String xxe = "<?xml version=\"1.0\"?><!DOCTYPE foo [<!ENTITY xxe SYSTEM \"file:///etc/passwd\">]>"
        + "<notifications xmlns=\"http://soap.sforce.com/2005/09/outbound\"><x>&xxe;</x></notifications>";

    assertThatThrownBy(() -> SalesforceOutboundMessage.records(xxe.getBytes(StandardCharsets.UTF_8)))
        .hasMessageContaining("400").hasMessageContaining("without a DTD");
  }

  @Test
  void anythingButAnOutboundMessageIsRefusedWithTheReason() {
    assertThatThrownBy(() -> SalesforceOutboundMessage.records("<a/>".getBytes(StandardCharsets.UTF_8)))
        .hasMessageContaining("exactly one notifications element");
    assertThatThrownBy(() -> SalesforceOutboundMessage.records("{}".getBytes(StandardCharsets.UTF_8)))
        .hasMessageContaining("not well-formed XML");
    String noId = MESSAGE.strip().replace("<sf:Id>001000000000002AAA</sf:Id>", "");
    assertThatThrownBy(() -> SalesforceOutboundMessage.records(noId.getBytes(StandardCharsets.UTF_8)))
        .hasMessageContaining("Notification 2 lacks its sObject's xsi:type or Id");
  }
}
