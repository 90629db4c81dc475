package io.ledgerbridge.worker.cli;

import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

/**
 * Where the API is and the admin token to present, from the options, else the environment, else
 * the defaults a local {@code ./ledgerbridge demo} uses.
 */
record Connection(URI baseUrl, String token, String tokenSource) {
  static final String URL_VARIABLE = "LEDGERBRIDGE_URL";
  static final String TOKEN_VARIABLE = "LEDGERBRIDGE_ADMIN_TOKEN";
  static final String DATA_DIR_VARIABLE = "LEDGERBRIDGE_DATA_DIR";
  static final String DEFAULT_URL = "http://localhost:8080";
  static final String DEFAULT_DATA_DIR = "./data";
  static final String TOKEN_FILE = "admin-token";
  private static final int MAX_PORT = 65_535;

  /** From the --url and --token given (null when not), else the environment, else the defaults. */
  static Connection resolve(String urlOption, String tokenOption, Map<String, String> env) {
    URI url = baseUrl(urlOption, env);
    Optional<String> given = Optional.ofNullable(tokenOption).map(String::trim);
    if (given.isPresent()) {
      if (given.get().isEmpty()) {
        throw CliException.usage("--token is empty");
      }
      return new Connection(url, plainToken(given.get(), "--token"), "--token");
    }
    String fromEnv = env.get(TOKEN_VARIABLE);
    if (fromEnv != null && !fromEnv.isBlank()) {
      return new Connection(url, plainToken(fromEnv.trim(), TOKEN_VARIABLE), TOKEN_VARIABLE);
    }
    String dataDir = env.get(DATA_DIR_VARIABLE);
    Path file =
        Path.of(dataDir == null || dataDir.isBlank() ? DEFAULT_DATA_DIR : dataDir.trim())
            .resolve(TOKEN_FILE)
            .toAbsolutePath()
            .normalize();
    if (!Files.isRegularFile(file)) {
      throw new CliException(
          CliException.USAGE,
          "no admin token: no --token, " + TOKEN_VARIABLE + " is not set, and there is no " + file
              + " (the data directory is $" + DATA_DIR_VARIABLE + ", else " + DEFAULT_DATA_DIR
              + "); give --token or run where LedgerBridge keeps its data");
    }
    try {
      String token = Files.readString(file, StandardCharsets.UTF_8).trim();
      if (token.isEmpty()) {
        throw new CliException(CliException.USAGE, "no admin token: " + file + " is empty");
      }
      return new Connection(url, token, file.toString());
    } catch (IOException e) {
      throw new CliException(CliException.USAGE, "no admin token: cannot read " + file + ": " + e.getMessage());
    }
  }

  /** A token goes into a header, where a line break or other control character has no place. */
  private static String plainToken(String token, String source) {
    if (token.chars().anyMatch(Character::isISOControl)) {
      throw CliException.usage(source + ": the token holds a control character or line break; give the token alone");
    }
    return token;
  }

  private static URI baseUrl(String urlOption, Map<String, String> env) {
    String source = "--url";
    String url = urlOption;
    if (url == null) {
      url = env.get(URL_VARIABLE);
      source = URL_VARIABLE;
    }
    if (url == null || url.isBlank()) {
      url = DEFAULT_URL;
    }
    url = url.trim();
    while (url.endsWith("/")) {
      url = url.substring(0, url.length() - 1);
    }
    try {
      URI uri = new URI(url);
      if (("http".equalsIgnoreCase(uri.getScheme()) || "https".equalsIgnoreCase(uri.getScheme()))
          && uri.getHost() != null && uri.getQuery() == null && uri.getFragment() == null) {
        if (uri.getPort() > MAX_PORT) {
          throw CliException.usage(source + ": '" + url + "' has port " + uri.getPort() + "; ports go up to " + MAX_PORT);
        }
        return uri;
      }
    } catch (URISyntaxException invalid) {
      // reported below, in the same words as any other unusable URL
    }
    throw CliException.usage(source + ": '" + url + "' is not an http(s) URL like " + DEFAULT_URL);
  }

  /** Masks the token, which must never reach a terminal or log by accident. */
  @Override
  public String toString() {
    return "Connection[baseUrl=" + baseUrl + ", token=****, tokenSource=" + tokenSource + "]";
  }
}
