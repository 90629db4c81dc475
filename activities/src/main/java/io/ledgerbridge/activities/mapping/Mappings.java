package io.ledgerbridge.activities.mapping;

import io.ledgerbridge.workflows.catalog.SyncDirection;
import io.ledgerbridge.workflows.catalog.SyncObject;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.MalformedInputException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * Every object mapping in force: the built-in defaults ({@code ledgerbridge/default-mappings.yaml})
 * with the admin's mappings file merged in, plus the deferral setting. Immutable; load once at start,
 * so an invalid file stops the worker with the line and the reason.
 */
public final class Mappings {
  static final String DEFAULTS_RESOURCE = "ledgerbridge/default-mappings.yaml";
  static final String DEFAULTS_SOURCE = "default mappings";

  private final List<ObjectMapping> mappings;
  private final int maxDeferAttempts;
  private final boolean multiCurrency;

  Mappings(List<ObjectMapping> mappings, int maxDeferAttempts, boolean multiCurrency) {
    this.mappings = List.copyOf(mappings);
    this.maxDeferAttempts = maxDeferAttempts;
    this.multiCurrency = multiCurrency;
  }

  /** The built-in mappings. */
  public static Mappings defaults() {
    return MappingLoader.load(defaultsYaml(), DEFAULTS_SOURCE, null, null);
  }

  /**
   * The defaults with the admin's file merged in.
   *
   * @param file the mappings file; null or blank means the defaults alone
   * @throws MappingFileException naming the file, the line and the reason when it is invalid
   */
  public static Mappings load(Path file) {
    if (file == null || file.toString().isBlank()) {
      return defaults();
    }
    String text;
    try {
      text = Files.readString(file, StandardCharsets.UTF_8);
    } catch (NoSuchFileException e) {
      throw new MappingFileException(file.toString(), 0, "cannot be read: there is no such file");
    } catch (MalformedInputException e) {
      throw new MappingFileException(file.toString(), 0, "cannot be read: it is not UTF-8 text; save it as UTF-8");
    } catch (IOException e) {
      throw new MappingFileException(file.toString(), 0, "cannot be read: " + e.getMessage());
    }
    return MappingLoader.load(defaultsYaml(), DEFAULTS_SOURCE, text, file.toString());
  }

  /** The defaults with mappings given as YAML text merged in; for tests and previews. */
  public static Mappings withOverride(String yaml, String source) {
    return MappingLoader.load(defaultsYaml(), DEFAULTS_SOURCE, yaml, source);
  }

  public List<ObjectMapping> all() {
    return mappings;
  }

  public Optional<ObjectMapping> find(SyncObject object, SyncDirection direction) {
    return mappings.stream().filter(m -> m.object() == object && m.flows(direction)).findFirst();
  }

  /**
   * The mapping of an object in a direction.
   *
   * @throws IllegalArgumentException when none is configured
   */
  public ObjectMapping require(SyncObject object, SyncDirection direction) {
    return find(object, direction)
        .orElseThrow(() -> new IllegalArgumentException(
            "no mapping for " + object.displayName() + " " + direction + "; add one to the mappings file"));
  }

  /**
   * Whether currencies are synced ({@code multiCurrency: true}): the fields marked {@code multiCurrency} (the
   * Salesforce {@code CurrencyIsoCode}, which only a multi-currency org has) are in force. Off by default.
   */
  public boolean multiCurrency() {
    return multiCurrency;
  }

  /** How many attempts a deferred record gets before it becomes a MISSING_PARENT error. */
  public int maxDeferAttempts() {
    return maxDeferAttempts;
  }

  private static String defaultsYaml() {
    try (InputStream in = Mappings.class.getClassLoader().getResourceAsStream(DEFAULTS_RESOURCE)) {
      if (in == null) {
        throw new IllegalStateException(DEFAULTS_RESOURCE + " is missing from the classpath");
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
