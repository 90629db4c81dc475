package io.ledgerbridge.worker.realtime;

import io.ledgerbridge.sandbox.Sandbox;
import io.ledgerbridge.worker.config.LedgerBridgeProperties;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration
class RealTimeConfiguration {
  private static final Logger log = LoggerFactory.getLogger(RealTimeConfiguration.class);

  @Bean
  RealTimeSettings realTimeSettings(LedgerBridgeProperties properties, Optional<Sandbox> sandbox) {
    RealTimeSettings settings = RealTimeSettings.from(properties, sandbox);
    log.info("Real-time sync: QuickBooks webhooks at /webhooks/quickbooks {}, Salesforce notifications at"
            + " /webhooks/salesforce/outbound-messages and /webhooks/salesforce {}",
        settings.quickBooksVerifierToken() == null ? "off (no LEDGERBRIDGE_QBO_WEBHOOK_VERIFIER_TOKEN)" : "on",
        settings.salesforceNotificationToken() == null ? "off (no LEDGERBRIDGE_SALESFORCE_NOTIFICATION_TOKEN)" : "on");
    return settings;
  }
}
