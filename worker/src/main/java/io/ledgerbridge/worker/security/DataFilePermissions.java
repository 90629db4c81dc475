package io.ledgerbridge.worker.security;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.context.event.ApplicationStartedEvent;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.context.ApplicationListener;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;

/**
 * Keeps the data directory and the embedded database's files readable by their owner only: they
 * hold every record's sync state and the encrypted OAuth tokens, and H2 creates its files with the
 * process's umask, often readable by everyone. The database's directory is closed before the
 * database is first opened, and the files H2 made are closed once the application has started.
 */
@Component
class DataFilePermissions implements BeanPostProcessor, ApplicationListener<ApplicationStartedEvent> {
  private static final Logger log = LoggerFactory.getLogger(DataFilePermissions.class);
  private static final String H2_FILE_URL = "jdbc:h2:file:";
  static final Set<PosixFilePermission> OWNER_ONLY_DIRECTORY = PosixFilePermissions.fromString("rwx------");
  static final Set<PosixFilePermission> OWNER_ONLY_FILE = PosixFilePermissions.fromString("rw-------");

  // The environment, not the properties beans: a post-processor is made before them.
  private final Environment environment;

  DataFilePermissions(Environment environment) {
    this.environment = environment;
  }

  @Override
  public Object postProcessBeforeInitialization(Object bean, String beanName) {
    if (bean instanceof DataSource) {
      secure();
    }
    return bean;
  }

  @Override
  public void onApplicationEvent(ApplicationStartedEvent event) {
    secure();
  }

  private void secure() {
    Binder binder = Binder.get(environment);
    Optional<Path> dataDir = Optional.ofNullable(binder.bind("ledgerbridge.data-dir", Path.class).orElse(null));
    Optional<Path> database = Optional.ofNullable(binder.bind("spring.datasource.url", String.class).orElse(null))
        .flatMap(DataFilePermissions::h2DatabaseFile);
    secure(dataDir, database);
  }

  /**
   * Makes the database's directory if it is missing, then closes it and the data directory to
   * everyone but the owner, and the database's files ({@code <name>.mv.db}, {@code .trace.db},
   * temporary files) likewise.
   */
  static void secure(Optional<Path> dataDir, Optional<Path> databaseFile) {
    try {
      if (databaseFile.isPresent() && databaseFile.get().toAbsolutePath().getParent() != null) {
        Path directory = databaseFile.get().toAbsolutePath().getParent();
        Files.createDirectories(directory);
        Files.setPosixFilePermissions(directory, OWNER_ONLY_DIRECTORY);
        String prefix = databaseFile.get().getFileName() + ".";
        try (Stream<Path> files = Files.list(directory)) {
          for (Path file : files.filter(f -> f.getFileName().toString().startsWith(prefix) && Files.isRegularFile(f)).toList()) {
            Files.setPosixFilePermissions(file, OWNER_ONLY_FILE);
          }
        }
      }
      if (dataDir.isPresent() && Files.isDirectory(dataDir.get())) {
        Files.setPosixFilePermissions(dataDir.get(), OWNER_ONLY_DIRECTORY);
      }
    } catch (UnsupportedOperationException notPosix) {
      log.debug("The file system has no POSIX permissions; the data files keep theirs");
    } catch (IOException e) {
      log.warn("Could not make the data directory and database files owner-only: {}", e.toString());
    }
  }

  /** The H2 database file an embedded URL names ({@code jdbc:h2:file:./data/ledgerbridge;...}), if it is one. */
  static Optional<Path> h2DatabaseFile(String url) {
    if (url == null || !url.startsWith(H2_FILE_URL)) {
      return Optional.empty();
    }
    String path = url.substring(H2_FILE_URL.length()).split(";", 2)[0];
    if (path.isBlank()) {
      return Optional.empty();
    }
    // H2 reads a leading ~ as the user's home directory.
    return Optional.of(path.startsWith("~") ? Path.of(System.getProperty("user.home") + path.substring(1)) : Path.of(path));
  }
}
