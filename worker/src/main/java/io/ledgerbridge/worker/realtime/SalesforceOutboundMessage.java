package io.ledgerbridge.worker.realtime;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import org.springframework.http.HttpStatus;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;
import org.xml.sax.SAXException;
import org.xml.sax.helpers.DefaultHandler;

/**
 * A Salesforce outbound message: the SOAP {@code notifications} of up to 100 records of one object,
 * each an {@code sObject} of {@code xsi:type="sf:<Type>"} with its {@code Id}; and the
 * acknowledgement without which Salesforce sends it again.
 */
final class SalesforceOutboundMessage {
  static final String OUTBOUND_NS = "http://soap.sforce.com/2005/09/outbound";
  static final String SOBJECT_NS = "urn:sobject.enterprise.soap.sforce.com";
  private static final String XSI_NS = XMLConstants.W3C_XML_SCHEMA_INSTANCE_NS_URI;

  static final String ACK =
      "<?xml version=\"1.0\" encoding=\"UTF-8\"?>"
          + "<soapenv:Envelope xmlns:soapenv=\"http://schemas.xmlsoap.org/soap/envelope/\"><soapenv:Body>"
          + "<notificationsResponse xmlns=\"" + OUTBOUND_NS + "\"><Ack>true</Ack></notificationsResponse>"
          + "</soapenv:Body></soapenv:Envelope>";

  /** One notified record: its sObject type (Account, Opportunity, ...) and id. */
  record Notified(String type, String id) {}

  private SalesforceOutboundMessage() {}

  /**
   * The records the message names, in order. Every id must be a Salesforce record id, and a message
   * names at most {@link ChangeNotifications#MAX_RECORDS_PER_NOTIFICATION} records.
   */
  static List<Notified> records(byte[] body) {
    Document document = parse(body);
    NodeList notifications = document.getElementsByTagNameNS(OUTBOUND_NS, "Notification");
    if (document.getElementsByTagNameNS(OUTBOUND_NS, "notifications").getLength() != 1) {
      throw malformed("the SOAP body must hold exactly one notifications element of " + OUTBOUND_NS);
    }
    if (notifications.getLength() > ChangeNotifications.MAX_RECORDS_PER_NOTIFICATION) {
      throw malformed("a message names at most " + ChangeNotifications.MAX_RECORDS_PER_NOTIFICATION + " records, not "
          + notifications.getLength());
    }
    List<Notified> records = new ArrayList<>();
    List<String> invalidIds = new ArrayList<>();
    for (int i = 0; i < notifications.getLength(); i++) {
      Element notification = (Element) notifications.item(i);
      Element sObject = child(notification, OUTBOUND_NS, "sObject");
      if (sObject == null) {
        throw malformed("Notification " + (i + 1) + " has no sObject");
      }
      String type = sObject.getAttributeNS(XSI_NS, "type");
      type = type.substring(type.indexOf(':') + 1);
      Element id = child(sObject, SOBJECT_NS, "Id");
      if (type.isBlank() || id == null || id.getTextContent().isBlank()) {
        throw malformed("Notification " + (i + 1) + " lacks its sObject's xsi:type or Id");
      }
      String recordId = id.getTextContent().trim();
      if (!RecordIds.isSalesforceId(recordId)) {
        invalidIds.add("Notification " + (i + 1) + "'s Id " + RecordIds.shown(recordId));
      }
      records.add(new Notified(type, recordId));
    }
    if (!invalidIds.isEmpty()) {
      throw malformed(RecordIds.notSalesforceIds(invalidIds));
    }
    return records;
  }

  private static Document parse(byte[] body) {
    try {
      DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
      factory.setNamespaceAware(true);
      // Outbound messages never carry a DTD: refusing one shuts out external entities (XXE).
      factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
      factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
      factory.setXIncludeAware(false);
      factory.setExpandEntityReferences(false);
      DocumentBuilder builder = factory.newDocumentBuilder();
      // Fatal errors throw, and nothing is printed to the console.
      builder.setErrorHandler(new DefaultHandler());
      return builder.parse(new ByteArrayInputStream(body));
    } catch (SAXException | IOException e) {
      throw malformed("the body is not well-formed XML without a DTD: " + e.getMessage());
    } catch (ParserConfigurationException e) {
      throw new IllegalStateException("the XML parser cannot be made safe", e);
    }
  }

  private static Element child(Element parent, String namespace, String name) {
    for (Node node = parent.getFirstChild(); node != null; node = node.getNextSibling()) {
      if (node instanceof Element element && name.equals(element.getLocalName()) && namespace.equals(element.getNamespaceURI())) {
        return element;
      }
    }
    return null;
  }

  private static NotificationRejected malformed(String why) {
    return new NotificationRejected(HttpStatus.BAD_REQUEST, "not a Salesforce outbound message: " + why);
  }
}
