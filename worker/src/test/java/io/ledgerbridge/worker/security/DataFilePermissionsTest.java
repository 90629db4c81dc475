package io.ledgerbridge.worker.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DataFilePermissionsTest {
  @TempDir Path scratch;

  @Test
  void theDataDirectoryAndTheDatabasesFilesBecomeOwnerOnlyAndNothingElseIsTouched() throws IOException {
    Path dataDir = Files.createDirectory(scratch.resolve("data"), PosixFilePermissions.asFileAttribute(
        PosixFilePermissions.fromString("rwxr-xr-x")));
    Path database = readableByAll(dataDir.resolve("ledgerbridge.mv.db"));
    Path trace = readableByAll(dataDir.resolve("ledgerbridge.trace.db"));
    Path notTheDatabase = readableByAll(dataDir.resolve("ledgerbridge-notes.txt"));

    DataFilePermissions.secure(Optional.of(dataDir), Optional.of(dataDir.resolve("ledgerbridge")));

    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dataDir))).isEqualTo("rwx------");
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(database))).isEqualTo("rw-------");
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(trace))).isEqualTo("rw-------");
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(notTheDatabase))).isEqualTo("rw-r--r--");
  }

  @Test
  void aMissingDatabaseDirectoryIsMadeOwnerOnlyBeforeTheDatabaseOpens() throws IOException {
    Path databaseDir = scratch.resolve("fresh");

    DataFilePermissions.secure(Optional.empty(), Optional.of(databaseDir.resolve("ledgerbridge")));

    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(databaseDir))).isEqualTo("rwx------");
  }

  @Test
  void onlyAnEmbeddedFileUrlNamesADatabaseFile() {
    assertThat(DataFilePermissions.h2DatabaseFile("jdbc:h2:file:./data/ledgerbridge;MODE=PostgreSQL;TRACE_LEVEL_FILE=0"))
        .contains(Path.of("./data/ledgerbridge"));
    assertThat(DataFilePermissions.h2DatabaseFile("jdbc:h2:file:~/lb/db")).contains(Path.of(System.getProperty("user.home"), "lb/db"));
    assertThat(DataFilePermissions.h2DatabaseFile("jdbc:h2:mem:test")).isEmpty();
    assertThat(DataFilePermissions.h2DatabaseFile("jdbc:postgresql://db:5432/ledgerbridge")).isEmpty();
    assertThat(DataFilePermissions.h2DatabaseFile(null)).isEmpty();
  }

  private static Path readableByAll(Path file) throws IOException {
    return Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-r--r--")));
  }
}
