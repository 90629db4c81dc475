package io.ledgerbridge.worker.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.ledgerbridge.worker.ApplicationTestSupport;
import io.swagger.v3.oas.annotations.media.Schema;
import java.io.IOException;
import java.lang.reflect.GenericArrayType;
import java.lang.reflect.Method;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.servlet.mvc.method.RequestMappingInfo;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

/**
 * The OpenAPI document covers every endpoint our controllers serve, and the copy checked in at
 * {@value #CHECKED_IN} (which clients are generated from) is the one the application serves.
 */
class OpenApiDocumentTest extends ApplicationTestSupport {
  private static final String CHECKED_IN = "src/main/openapi/ledgerbridge-api.json";
  /** Set to rewrite the checked-in document from the served one instead of comparing them. */
  private static final String REFRESH_PROPERTY = "openapi.refresh";
  private static final String REFRESH_COMMAND = "mvn -B -pl worker -am verify -Dtest=OpenApiDocumentTest"
      + " -Dsurefire.failIfNoSpecifiedTests=false -D" + REFRESH_PROPERTY + "=true";

  @Autowired
  @Qualifier("requestMappingHandlerMapping")
  RequestMappingHandlerMapping handlerMappings;

  @Test
  void everyEndpointOfOurControllersIsInTheDocument() throws IOException {
    JsonNode paths = JSON.readTree(served()).path("paths");
    List<Endpoint> endpoints = new ArrayList<>();
    handlerMappings.getHandlerMethods().forEach((mapping, handler) -> {
      if (handler.getBeanType().getPackageName().startsWith("io.ledgerbridge.")) {
        endpoints.addAll(endpoints(mapping, handler.toString()));
      }
    });
    List<String> missing = endpoints.stream()
        .filter(endpoint -> !paths.path(endpoint.path()).has(endpoint.method().name().toLowerCase(Locale.ROOT)))
        .map(Endpoint::toString)
        .sorted()
        .toList();

    assertThat(endpoints).as("the controllers' endpoints").hasSizeGreaterThan(20);
    assertThat(missing).as("endpoints missing from /v3/api-docs (is their path in springdoc.paths-to-match?)").isEmpty();
  }

  /**
   * springdoc names a schema after its class's simple name (or its {@code @Schema(name)}) and keeps
   * one class per name, so two classes of one name would leave one of them undocumented, silently.
   */
  @Test
  void everyTypeOfTheApiHasASchemaNameOfItsOwn() {
    Map<String, Set<String>> classesByName = new TreeMap<>();
    Set<Class<?>> seen = new HashSet<>();
    handlerMappings.getHandlerMethods().forEach((mapping, handler) -> {
      if (handler.getBeanType().getPackageName().startsWith("io.ledgerbridge.")) {
        Method method = handler.getMethod();
        collect(method.getGenericReturnType(), seen, classesByName);
        for (Type parameter : method.getGenericParameterTypes()) {
          collect(parameter, seen, classesByName);
        }
      }
    });

    assertThat(seen).as("the API's own types").hasSizeGreaterThan(10);
    assertThat(classesByName).as("schema names taken by more than one class; give one an @Schema(name = ...)")
        .allSatisfy((name, classes) -> assertThat(classes).as(name).hasSize(1));
  }

  /** Our types reachable from {@code type}: through generics, arrays, record components and enum constants. */
  private static void collect(Type type, Set<Class<?>> seen, Map<String, Set<String>> classesByName) {
    if (type instanceof ParameterizedType parameterized) {
      collect(parameterized.getRawType(), seen, classesByName);
      for (Type argument : parameterized.getActualTypeArguments()) {
        collect(argument, seen, classesByName);
      }
    } else if (type instanceof GenericArrayType array) {
      collect(array.getGenericComponentType(), seen, classesByName);
    } else if (type instanceof Class<?> arrayClass && arrayClass.isArray()) {
      collect(arrayClass.getComponentType(), seen, classesByName);
    } else if (type instanceof Class<?> ours && ours.getName().startsWith("io.ledgerbridge.") && seen.add(ours)) {
      Schema schema = ours.getAnnotation(Schema.class);
      String name = schema != null && !schema.name().isEmpty() ? schema.name() : ours.getSimpleName();
      classesByName.computeIfAbsent(name, n -> new TreeSet<>()).add(ours.getName());
      if (ours.isRecord()) {
        for (RecordComponent component : ours.getRecordComponents()) {
          collect(component.getGenericType(), seen, classesByName);
        }
      }
    }
  }

  @Test
  void theCheckedInDocumentIsTheServedOne() throws IOException {
    String served = served();
    Path checkedIn = Path.of(CHECKED_IN);
    if (Boolean.getBoolean(REFRESH_PROPERTY)) {
      Files.writeString(checkedIn, pretty(served), StandardCharsets.UTF_8);
    }
    List<String> differences = new ArrayList<>();
    differences(Files.exists(checkedIn) ? JSON.readTree(Files.readString(checkedIn)) : null, JSON.readTree(served), "",
        differences);

    assertThat(differences)
        .as("where worker/%s differs from the served /v3/api-docs; if the API changed on purpose, rewrite it with%n"
            + "  %s%nand commit it (the api-client module generates its client from it)", CHECKED_IN, REFRESH_COMMAND)
        .isEmpty();
  }

  /** The JSON pointers at which the two documents differ, down to the first differing member of each branch. */
  private static void differences(JsonNode checkedIn, JsonNode served, String at, List<String> found) {
    if (checkedIn != null && served != null && checkedIn.isContainerNode() && served.isContainerNode()
        && checkedIn.getNodeType() == served.getNodeType()) {
      Set<String> names = new TreeSet<>();
      if (checkedIn.isObject()) {
        checkedIn.fieldNames().forEachRemaining(names::add);
        served.fieldNames().forEachRemaining(names::add);
        names.forEach(name -> differences(checkedIn.get(name), served.get(name), at + "/" + name, found));
      } else {
        for (int i = 0; i < Math.max(checkedIn.size(), served.size()); i++) {
          differences(checkedIn.get(i), served.get(i), at + "/" + i, found);
        }
      }
    } else if (checkedIn == null || !checkedIn.equals(served)) {
      found.add((at.isEmpty() ? "the whole document" : at) + ": checked in " + checkedIn + ", served " + served);
    }
  }

  private record Endpoint(RequestMethod method, String path) {
    @Override
    public String toString() {
      return method + " " + path;
    }
  }

  /** Each method and path of a mapping; a mapping must name its methods. */
  private static List<Endpoint> endpoints(RequestMappingInfo mapping, String handler) {
    Set<RequestMethod> methods = mapping.getMethodsCondition().getMethods();
    assertThat(methods).as("%s names its HTTP methods", handler).isNotEmpty();
    List<Endpoint> endpoints = new ArrayList<>();
    for (String path : mapping.getPatternValues()) {
      methods.forEach(method -> endpoints.add(new Endpoint(method, path)));
    }
    return endpoints;
  }

  private String served() throws IOException {
    try {
      HttpResponse<String> response = HttpClient.newHttpClient().send(
          HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/v3/api-docs")).build(),
          HttpResponse.BodyHandlers.ofString());
      assertThat(response.statusCode()).as("GET /v3/api-docs, without a token").isEqualTo(200);
      return response.body();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  private static String pretty(String json) throws IOException {
    return JSON.copy().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(JSON.readTree(json)) + "\n";
  }
}
