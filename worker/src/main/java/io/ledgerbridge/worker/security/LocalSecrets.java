package io.ledgerbridge.worker.security;

import io.ledgerbridge.activities.store.SecretCipher;
import io.ledgerbridge.worker.config.LedgerBridgeProperties;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.function.Supplier;
import org.springframework.stereotype.Component;

/**
 * The admin token and the key that encrypts stored OAuth tokens: from the environment when set
 * (the cluster mode), otherwise generated once into the data directory, readable by the owner
 * only, so a single-machine install needs no setup.
 */
@Component
public class LocalSecrets {
  static final String ADMIN_TOKEN_FILE = "admin-token";
  static final String SECRET_KEY_FILE = "secret-key";

  private final String adminToken;
  private final String secretKey;

  public LocalSecrets(LedgerBridgeProperties properties) {
    Path dataDir = properties.dataDir();
    this.adminToken =
        orFile(properties.adminToken(), dataDir.resolve(ADMIN_TOKEN_FILE), LocalSecrets::newToken, true);
    this.secretKey =
        orFile(properties.secretKey(), dataDir.resolve(SECRET_KEY_FILE), SecretCipher::newBase64Key, false);
  }

  /** The bootstrap admin token: an ADMIN on {@code /api}, and accepted on {@code /actuator}. */
  public String adminToken() {
    return adminToken;
  }

  /** The cipher for OAuth tokens at rest. */
  public SecretCipher cipher() {
    return new SecretCipher(secretKey);
  }

  private static String orFile(String configured, Path file, Supplier<String> generator, boolean announce) {
    if (configured != null && !configured.isBlank()) {
      return configured.trim();
    }
    try {
      if (Files.exists(file)) {
        return Files.readString(file, StandardCharsets.UTF_8).trim();
      }
      Files.createDirectories(file.getParent());
      String value = generator.get();
      writeOwnerOnly(file, value);
      if (announce) {
        // Printed once, to the console only: the admin needs it to call the API, and log files
        // must never hold a secret.
        System.out.printf(
            "%nLedgerBridge admin token (saved in %s, shown only this once):%n  %s%n%n",
            file.toAbsolutePath(), value);
      }
      return value;
    } catch (FileAlreadyExistsException raced) {
      return orFile(configured, file, generator, announce);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read or create " + file.toAbsolutePath(), e);
    }
  }

  private static void writeOwnerOnly(Path file, String value) throws IOException {
    try {
      Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
    } catch (UnsupportedOperationException notPosix) {
      Files.createFile(file);
    }
    Files.writeString(file, value + "\n", StandardCharsets.UTF_8, StandardOpenOption.TRUNCATE_EXISTING);
  }

  private static String newToken() {
    byte[] bytes = new byte[32];
    new SecureRandom().nextBytes(bytes);
    return "lb_" + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
  }
}
