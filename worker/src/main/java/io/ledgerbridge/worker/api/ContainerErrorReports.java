package io.ledgerbridge.worker.api;

import org.apache.catalina.Host;
import org.apache.catalina.Pipeline;
import org.apache.catalina.Valve;
import org.apache.catalina.core.StandardHost;
import org.apache.catalina.valves.ErrorReportValve;
import org.springframework.boot.web.embedded.tomcat.TomcatServletWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.core.Ordered;
import org.springframework.stereotype.Component;

/**
 * Puts {@link JsonErrorReportValve} in place of the error report valve Spring Boot and Tomcat install on the
 * host, and lets TRACE through the connector to it. Ordered last, so the valve Spring Boot's own customizer adds
 * is there to be replaced.
 */
@Component
class ContainerErrorReports implements WebServerFactoryCustomizer<TomcatServletWebServerFactory>, Ordered {

  @Override
  public void customize(TomcatServletWebServerFactory factory) {
    // Tomcat answers a refused TRACE itself, before any valve, with an empty 405; let the valve refuse it.
    factory.addConnectorCustomizers(connector -> connector.setAllowTrace(true));
    factory.addContextCustomizers(context -> {
      Host host = (Host) context.getParent();
      Pipeline pipeline = host.getPipeline();
      for (Valve valve : pipeline.getValves()) {
        if (valve instanceof ErrorReportValve) {
          pipeline.removeValve(valve);
        }
      }
      pipeline.addValve(new JsonErrorReportValve());
      // The host adds a valve of its error report class on start unless one is in the pipeline already.
      ((StandardHost) host).setErrorReportValveClass(JsonErrorReportValve.class.getName());
    });
  }

  @Override
  public int getOrder() {
    return Ordered.LOWEST_PRECEDENCE;
  }
}
