package io.ledgerbridge.worker.compose;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.File;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.yaml.snakeyaml.Yaml;

/**
 * Checks the cluster mode's docker-compose.yml without Docker: what a typo would otherwise only
 * reveal when a user runs it. When a docker-compose binary is installed, it also validates the
 * file.
 */
class DockerComposeFileTest {

  private static final Logger log = LoggerFactory.getLogger(DockerComposeFileTest.class);

  private static final String COMPOSE_FILE = "docker-compose.yml";
  private static final String TEMPORAL_SERVICE = "temporal";
  private static final String TEMPORAL_TARGET = "temporal:7233";
  private static final List<String> WORKER_SERVICES =
      List.of("ledgerbridge", "ledgerbridge-worker");
  private static final List<String> REQUIRED_SECRETS =
      List.of("LEDGERBRIDGE_ADMIN_TOKEN", "LEDGERBRIDGE_SECRET_KEY");

  /** The settings the worker reads in cluster mode. */
  private static final List<String> WORKER_ENVIRONMENT =
      List.of(
          "TEMPORAL_ADDRESS",
          "TEMPORAL_NAMESPACE",
          "SPRING_DATASOURCE_URL",
          "SPRING_DATASOURCE_USERNAME",
          "SPRING_DATASOURCE_PASSWORD",
          "LEDGERBRIDGE_ADMIN_TOKEN",
          "LEDGERBRIDGE_SECRET_KEY",
          "LEDGERBRIDGE_DEMO",
          "LEDGERBRIDGE_QBO_CLIENT_ID",
          "LEDGERBRIDGE_QBO_CLIENT_SECRET",
          "LEDGERBRIDGE_SALESFORCE_LOGIN_URL",
          "LEDGERBRIDGE_SALESFORCE_CLIENT_ID",
          "LEDGERBRIDGE_SALESFORCE_CLIENT_SECRET",
          "LEDGERBRIDGE_QBO_WEBHOOK_VERIFIER_TOKEN",
          "LEDGERBRIDGE_SALESFORCE_NOTIFICATION_TOKEN",
          "LEDGERBRIDGE_METRICS_TOKEN",
          "LEDGERBRIDGE_TEMPORAL_UI_URL",
          "LEDGERBRIDGE_PUBLIC_URL",
          "LEDGERBRIDGE_OIDC_ISSUER",
          "LEDGERBRIDGE_OIDC_CLIENT_ID",
          "LEDGERBRIDGE_OIDC_CLIENT_SECRET",
          "SERVER_PORT");

  private static Path repositoryRoot;
  private static Map<String, Map<String, Object>> services;

  @BeforeAll
  static void parseComposeFile() throws IOException {
    repositoryRoot = findRepositoryRoot();
    try (Reader reader =
        Files.newBufferedReader(repositoryRoot.resolve(COMPOSE_FILE), StandardCharsets.UTF_8)) {
      Map<String, Object> compose = new Yaml().load(reader);
      services = asMap(compose.get("services"));
    }
  }

  @Test
  void composeFileDefinesTheClusterServices() {
    assertThat(services)
        .containsKeys(
            "postgresql", TEMPORAL_SERVICE, "temporal-ui", "ledgerbridge", "ledgerbridge-worker");
  }

  @Test
  void everyImageHasAnExplicitTagOtherThanLatest() {
    services.forEach(
        (name, service) -> {
          String image = (String) service.get("image");
          assertThat(image).as("image of service %s", name).isNotBlank();
          String tag = image.substring(image.lastIndexOf('/') + 1);
          assertThat(tag).as("image of service %s", name).contains(":");
          assertThat(tag.substring(tag.indexOf(':') + 1))
              .as("tag of %s's image", name)
              .isNotBlank()
              .isNotEqualTo("latest")
              .doesNotContain("${");
        });
  }

  @Test
  void everyFileMountedFromTheRepositoryExists() {
    services.forEach(
        (name, service) ->
            bindMounts(service)
                .forEach(
                    mount ->
                        assertThat(repositoryRoot.resolve(mount.hostPath()))
                            .as("%s mounts %s", name, mount.hostPath())
                            .exists()));
  }

  @Test
  void ledgerbridgeServicesAreBuiltFromTheRootDockerfile() {
    for (String worker : WORKER_SERVICES) {
      assertThat(services.get(worker)).as("service %s", worker).containsEntry("build", ".");
    }
    assertThat(repositoryRoot.resolve("Dockerfile")).isRegularFile();
  }

  @Test
  void temporalDynamicConfigFileIsInsideItsMountedDirectory() {
    Map<String, Object> temporal = services.get(TEMPORAL_SERVICE);
    // auto-setup resolves DYNAMIC_CONFIG_FILE_PATH against its working directory, /etc/temporal.
    String containerPath =
        "/etc/temporal/" + environmentOf(temporal).get("DYNAMIC_CONFIG_FILE_PATH");
    BindMount mount =
        bindMounts(temporal).stream()
            .filter(candidate -> containerPath.startsWith(candidate.containerPath() + "/"))
            .findFirst()
            .orElseThrow(() -> new AssertionError("no volume of temporal holds " + containerPath));

    Path hostFile =
        repositoryRoot
            .resolve(mount.hostPath())
            .resolve(containerPath.substring(mount.containerPath().length() + 1));
    assertThat(hostFile).isRegularFile();
  }

  @Test
  void workersSetEveryEnvironmentVariableTheWorkerReads() {
    for (String worker : WORKER_SERVICES) {
      Map<String, String> environment = environmentOf(services.get(worker));
      assertThat(environment)
          .as("environment of %s", worker)
          .containsKeys(WORKER_ENVIRONMENT.toArray(String[]::new));
      assertThat(environment)
          .as("environment of %s", worker)
          .containsEntry("TEMPORAL_ADDRESS", TEMPORAL_TARGET)
          .containsEntry("TEMPORAL_NAMESPACE", "default")
          .containsEntry("SPRING_DATASOURCE_URL", "jdbc:postgresql://postgresql:5432/ledgerbridge")
          .containsEntry("LEDGERBRIDGE_DEMO", "false")
          .containsEntry("SERVER_PORT", "8080");
      for (String secret : REQUIRED_SECRETS) {
        // ":?" makes compose refuse to start with a message, rather than start without a secret.
        assertThat(environment.get(secret))
            .as("%s of %s", secret, worker)
            .isEqualTo("${" + secret + ":?set " + secret + "}");
      }
    }
  }

  @Test
  void webUiPointsAtTheTemporalService() {
    assertThat(environmentOf(services.get("temporal-ui")))
        .containsEntry("TEMPORAL_ADDRESS", TEMPORAL_TARGET);
    assertThat(publishedPorts(services.get(TEMPORAL_SERVICE)))
        .extracting(PublishedPort::containerPort)
        .contains("7233");
  }

  @Test
  void runsLinkToTheWebUiWhereItIsPublished() {
    String uiHostPort = publishedPorts(services.get("temporal-ui")).get(0).hostPort();
    for (String worker : WORKER_SERVICES) {
      assertThat(environmentOf(services.get(worker)))
          .as("environment of %s", worker)
          .containsEntry("LEDGERBRIDGE_TEMPORAL_UI_URL",
              "${LEDGERBRIDGE_TEMPORAL_UI_URL:-http://localhost:" + uiHostPort + "}");
    }
  }

  @Test
  void workersWaitForAHealthyDatabaseAndTemporal() {
    for (String worker : WORKER_SERVICES) {
      Map<String, Object> dependsOn = asMap(services.get(worker).get("depends_on"));
      assertThat(dependsOn)
          .as("depends_on of %s", worker)
          .containsOnlyKeys("postgresql", TEMPORAL_SERVICE);
      dependsOn
          .values()
          .forEach(
              condition ->
                  assertThat(asMap(condition)).containsEntry("condition", "service_healthy"));
    }
    assertThat(services.get("postgresql")).containsKey("healthcheck");
    assertThat(services.get(TEMPORAL_SERVICE)).containsKey("healthcheck");
  }

  @Test
  void publishedHostPortsDoNotClash() {
    Map<String, String> ownerByHostPort = new LinkedHashMap<>();
    services.forEach(
        (name, service) -> {
          for (PublishedPort port : publishedPorts(service)) {
            String previousOwner = ownerByHostPort.putIfAbsent(port.hostPort(), name);
            assertThat(previousOwner)
                .as("host port %s published by %s and %s", port.hostPort(), previousOwner, name)
                .isNull();
          }
        });
    assertThat(ownerByHostPort)
        .containsEntry("8088", "ledgerbridge")
        .containsEntry("8080", "temporal-ui");
  }

  @Test
  void scalableServicesPublishNoHostPort() {
    assertThat(asMap(services.get("ledgerbridge-worker").get("deploy"))).containsKey("replicas");
    // Replicas of a service that published a fixed host port would fight over it on --scale.
    services.forEach(
        (name, service) -> {
          if (asMap(service.get("deploy")).containsKey("replicas")) {
            assertThat(service).as("scalable service %s", name).doesNotContainKey("ports");
          }
        });
  }

  @Test
  void dockerComposeAcceptsTheFile(@TempDir Path scratch) throws IOException, InterruptedException {
    Optional<Path> dockerCompose = findOnPath("docker-compose");
    if (dockerCompose.isEmpty()) {
      log.info("No docker-compose on PATH: skipping `docker-compose config` validation");
    }
    assumeTrue(dockerCompose.isPresent(), "docker-compose is not on PATH");

    // An empty env file keeps a developer's own .env out of the result.
    Path emptyEnvFile = Files.createFile(scratch.resolve("empty.env"));
    Map<String, String> secrets =
        Map.of(
            REQUIRED_SECRETS.get(0),
            "dummy-admin-token",
            REQUIRED_SECRETS.get(1),
            "dummy-secret-key");

    ComposeRun withSecrets = runComposeConfig(dockerCompose.get(), emptyEnvFile, secrets, scratch);
    assertThat(withSecrets.exitCode())
        .as("docker-compose config:%n%s", withSecrets.output())
        .isZero();

    ComposeRun withoutSecrets =
        runComposeConfig(dockerCompose.get(), emptyEnvFile, Map.of(), scratch);
    assertThat(withoutSecrets.exitCode()).isNotZero();
    assertThat(withoutSecrets.output()).contains("set LEDGERBRIDGE_ADMIN_TOKEN");
  }

  private static ComposeRun runComposeConfig(
      Path dockerCompose, Path envFile, Map<String, String> secrets, Path scratch)
      throws IOException, InterruptedException {
    Path output = Files.createTempFile(scratch, "compose", ".log");
    ProcessBuilder builder =
        new ProcessBuilder(
                dockerCompose.toString(),
                "--env-file",
                envFile.toString(),
                "-f",
                COMPOSE_FILE,
                "config",
                "-q")
            .directory(repositoryRoot.toFile())
            .redirectErrorStream(true)
            .redirectOutput(output.toFile());
    REQUIRED_SECRETS.forEach(builder.environment()::remove);
    builder.environment().putAll(secrets);
    Process process = builder.start();
    if (!process.waitFor(60, TimeUnit.SECONDS)) {
      process.destroyForcibly();
      throw new AssertionError("docker-compose config did not finish within 60 s");
    }
    return new ComposeRun(process.exitValue(), Files.readString(output));
  }

  private record ComposeRun(int exitCode, String output) {}

  /** A bind mount; named volumes are left out, as they live in Docker, not in the repository. */
  private record BindMount(String hostPath, String containerPath) {}

  private record PublishedPort(String hostPort, String containerPort) {}

  private static List<BindMount> bindMounts(Map<String, Object> service) {
    List<BindMount> mounts = new ArrayList<>();
    for (Object volume : asList(service.get("volumes"))) {
      if (volume instanceof String shortSyntax) {
        String[] parts = shortSyntax.split(":");
        if (parts.length >= 2 && isHostPath(parts[0])) {
          mounts.add(new BindMount(parts[0], parts[1]));
        }
      } else {
        Map<String, Object> longSyntax = asMap(volume);
        if ("bind".equals(longSyntax.get("type"))) {
          mounts.add(
              new BindMount((String) longSyntax.get("source"), (String) longSyntax.get("target")));
        }
      }
    }
    return mounts;
  }

  private static boolean isHostPath(String volumeSource) {
    return volumeSource.startsWith(".") || volumeSource.startsWith("/");
  }

  /** Host ports as published on the host; "127.0.0.1:8080:8080" and "8080:8080" both give 8080. */
  private static List<PublishedPort> publishedPorts(Map<String, Object> service) {
    List<PublishedPort> ports = new ArrayList<>();
    for (Object port : asList(service.get("ports"))) {
      if (port instanceof Map<?, ?> longSyntax) {
        ports.add(
            new PublishedPort(
                String.valueOf(longSyntax.get("published")),
                String.valueOf(longSyntax.get("target"))));
      } else {
        String[] parts = String.valueOf(port).split(":");
        assertThat(parts.length)
            .as("port %s publishes a fixed host port", port)
            .isGreaterThanOrEqualTo(2);
        ports.add(new PublishedPort(parts[parts.length - 2], parts[parts.length - 1]));
      }
    }
    return ports;
  }

  /** Compose allows the environment as a map or as a list of NAME=value. */
  private static Map<String, String> environmentOf(Map<String, Object> service) {
    Object environment = service.get("environment");
    Map<String, String> variables = new LinkedHashMap<>();
    if (environment instanceof List<?> list) {
      for (Object entry : list) {
        String[] nameAndValue = String.valueOf(entry).split("=", 2);
        variables.put(nameAndValue[0], nameAndValue.length == 2 ? nameAndValue[1] : null);
      }
    } else {
      asMap(environment)
          .forEach(
              (name, value) -> variables.put(name, value == null ? null : String.valueOf(value)));
    }
    return variables;
  }

  @SuppressWarnings("unchecked")
  private static <V> Map<String, V> asMap(Object yamlNode) {
    return yamlNode == null ? Map.of() : (Map<String, V>) yamlNode;
  }

  private static List<?> asList(Object yamlNode) {
    return yamlNode == null ? List.of() : (List<?>) yamlNode;
  }

  /** Maven runs tests in the module directory; the compose file lives at the repository root. */
  private static Path findRepositoryRoot() {
    for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
      if (Files.isRegularFile(dir.resolve(COMPOSE_FILE))) {
        return dir;
      }
    }
    throw new IllegalStateException(
        COMPOSE_FILE + " not found above " + Path.of("").toAbsolutePath());
  }

  private static Optional<Path> findOnPath(String executable) {
    String path = Optional.ofNullable(System.getenv("PATH")).orElse("");
    return Stream.of(path.split(File.pathSeparator))
        .filter(dir -> !dir.isBlank())
        .map(dir -> Path.of(dir, executable))
        .filter(Files::isExecutable)
        .findFirst();
  }
}
