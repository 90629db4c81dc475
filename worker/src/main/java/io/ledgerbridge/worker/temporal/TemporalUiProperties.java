package io.ledgerbridge.worker.temporal;

import java.net.URI;
import java.net.URISyntaxException;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Where Temporal's web UI is ({@code ledgerbridge.temporal.ui-url}, {@code
 * LEDGERBRIDGE_TEMPORAL_UI_URL} in the environment), e.g. {@code http://localhost:8080}; runs link
 * to their workflow there. Not set: no links, since the embedded Temporal has no web UI.
 */
@ConfigurationProperties("ledgerbridge.temporal")
public record TemporalUiProperties(String uiUrl) {

  public TemporalUiProperties {
    if (uiUrl != null && !uiUrl.isBlank()) {
      uiUrl = checked(uiUrl.trim());
    } else {
      uiUrl = null;
    }
  }

  private static String checked(String url) {
    URI uri;
    try {
      uri = new URI(url);
    } catch (URISyntaxException notAUrl) {
      uri = null;
    }
    if (uri == null || !("http".equals(uri.getScheme()) || "https".equals(uri.getScheme())) || uri.getHost() == null
        || uri.getQuery() != null || uri.getFragment() != null) {
      throw new IllegalArgumentException("ledgerbridge.temporal.ui-url (LEDGERBRIDGE_TEMPORAL_UI_URL): '" + url
          + "' is not the address of Temporal's web UI; give an http or https URL without query or fragment,"
          + " such as http://localhost:8080, or leave it unset for no links");
    }
    return url.replaceAll("/+$", "");
  }
}
