package io.ledgerbridge.activities.mapping;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.deser.std.StdDeserializer;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.exc.ValueInstantiationException;
import com.fasterxml.jackson.databind.json.JsonMapper;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.ElementKind;
import jakarta.validation.Path;
import jakarta.validation.Validation;
import jakarta.validation.Validator;
import java.io.IOException;
import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;
import org.hibernate.validator.messageinterpolation.ParameterMessageInterpolator;

/**
 * Binds a mappings document to {@link MappingFile} with Jackson and checks it with Bean Validation.
 * Either refuses the first problem (in document order) at its file and line, naming the key and
 * the reason, e.g. {@code mappings.yaml, line 5: Customer mapping: fields.type: 'money' is not one of
 * text, number, boolean, date}.
 */
final class MappingBinding {
  private static final ObjectMapper MAPPER = JsonMapper.builder()
      .enable(MapperFeature.ACCEPT_CASE_INSENSITIVE_ENUMS)
      .build();
  /** Without EL: messages are fixed reasons, and an EL implementation would be one more dependency. */
  private static final Validator VALIDATOR = Validation.byDefaultProvider()
      .configure()
      .messageInterpolator(new ParameterMessageInterpolator())
      .buildValidatorFactory()
      .getValidator();

  private MappingBinding() {}

  /** @throws MappingFileException at the first key or value of {@code yaml} the model refuses */
  static MappingFile bind(MappingYaml yaml) {
    MappingFile file;
    try {
      file = MAPPER.treeToValue(yaml.toJson(), MappingFile.class);
    } catch (JsonMappingException e) {
      throw yaml.refuse(path(e), reason(e));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("a JSON tree cannot be malformed", e);
    }
    VALIDATOR.validate(file).stream()
        .map(violation -> new Violation(path(violation), reason(violation), declarationOrder(violation)))
        .min(Comparator.<Violation>comparingInt(v -> yaml.line(v.path()))
            .thenComparingInt(v -> yaml.column(v.path()))
            .thenComparingInt(Violation::declarationOrder))
        .ifPresent(first -> {
          throw yaml.refuse(first.path(), first.reason());
        });
    return file;
  }

  /**
   * A Bean Validation failure; {@code declarationOrder} ranks failures on one line (several required
   * keys missing from one entry) as the keys are declared.
   */
  private record Violation(List<Object> path, String reason, int declarationOrder) {}

  // ---- Jackson's refusals ----

  private static List<Object> path(JsonMappingException e) {
    List<Object> path = new ArrayList<>();
    for (JsonMappingException.Reference step : e.getPath()) {
      if (step.getFieldName() != null) {
        path.add(step.getFieldName());
      } else if (step.getIndex() >= 0) {
        path.add(step.getIndex());
      }
    }
    return path;
  }

  private static String reason(JsonMappingException e) {
    if (e instanceof UnrecognizedPropertyException unknown) {
      return "unknown key; known keys are " + unknown.getKnownPropertyIds().stream()
          .map(String::valueOf).sorted().collect(Collectors.joining(", "));
    }
    if (e instanceof ValueInstantiationException refused && refused.getCause() instanceof IllegalArgumentException why) {
      return why.getMessage(); // a catalog name, e.g. SyncObject.require's "unknown object 'Estimate'; known objects are ..."
    }
    if (e instanceof InvalidFormatException invalid && invalid.getTargetType() != null) {
      return notA(invalid.getValue(), invalid.getTargetType());
    }
    if (e instanceof MismatchedInputException mismatched && mismatched.getTargetType() != null) {
      return expected(mismatched.getTargetType());
    }
    return e.getOriginalMessage();
  }

  /** Why a single value cannot be a {@code type}, listing what it can be. */
  private static String notA(Object value, Class<?> type) {
    String given = "'" + value + "'";
    if (type.isEnum()) {
      return given + " is not one of " + Arrays.stream(type.getEnumConstants())
          .map(constant -> asWritten((Enum<?>) constant)).collect(Collectors.joining(", "));
    }
    if (type == Integer.class || type == int.class) {
      return given + " " + MappingFile.NOT_POSITIVE;
    }
    if (type == Boolean.class || type == boolean.class) {
      return given + " is not true or false";
    }
    return given + " is not a " + type.getSimpleName();
  }

  /** An enum value as the mappings file writes it: types in lower case, the others as named. */
  private static String asWritten(Enum<?> constant) {
    return constant instanceof ValueType ? constant.name().toLowerCase(Locale.ROOT) : constant.name();
  }

  /** What shape a key's value must have. */
  private static String expected(Class<?> type) {
    if (Collection.class.isAssignableFrom(type)) {
      return "expected a list";
    }
    if (Map.class.isAssignableFrom(type) || type.isRecord()) {
      return MappingFile.EXPECTED_MAPPING;
    }
    return "expected a single value";
  }

  /** A field's {@code qbo}: one path as text, or a list of two or more to join. */
  static final class QboPathsDeserializer extends StdDeserializer<List<String>> {
    QboPathsDeserializer() {
      super(List.class);
    }

    @Override
    public List<String> deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
      if (p.hasToken(JsonToken.VALUE_STRING)) {
        return List.of(p.getText());
      }
      if (!p.isExpectedStartArrayToken()) { // a mapping: refused as "expected a single value", a path
        throw MismatchedInputException.from(p, String.class, "a path or a list of paths");
      }
      JavaType paths = ctxt.getTypeFactory().constructCollectionType(List.class, String.class);
      List<String> joined = ctxt.readValue(p, paths);
      if (joined.size() < 2) {
        throw new RuleBroken(p, "a list joins two or more QuickBooks fields; give one path as text");
      }
      return joined;
    }
  }

  /** A rule a deserializer enforces; its message is the whole reason. */
  private static final class RuleBroken extends JsonMappingException {
    RuleBroken(JsonParser p, String reason) {
      super(p, reason);
    }
  }

  // ---- Bean Validation's refusals ----

  /**
   * The violation's place as a document path. Map keys are left out (the map's line names them), and
   * so is the name of an {@code @AssertTrue} method: the entry it checks is at fault.
   */
  private static List<Object> path(ConstraintViolation<?> violation) {
    List<Object> path = new ArrayList<>();
    Path.Node last = null;
    for (Path.Node node : violation.getPropertyPath()) {
      if (node.getIndex() != null) {
        path.add(node.getIndex());
      } else if (node.getKey() != null && !"<map key>".equals(node.getName())) {
        path.add(String.valueOf(node.getKey()));
      }
      if (node.getKind() == ElementKind.PROPERTY) {
        path.add(node.getName());
      }
      last = node;
    }
    if (last != null && last.getKind() == ElementKind.PROPERTY && component(violation.getLeafBean(), last.getName()) < 0) {
      path.remove(path.size() - 1);
    }
    return path;
  }

  /** The value at fault, then why: {@code 'Bad Name' is not an API name}; a missing value or entry is just named. */
  private static String reason(ConstraintViolation<?> violation) {
    Object value = violation.getInvalidValue();
    return value instanceof CharSequence || value instanceof Number
        ? "'" + value + "' " + violation.getMessage()
        : violation.getMessage();
  }

  private static int declarationOrder(ConstraintViolation<?> violation) {
    Path.Node last = null;
    for (Path.Node node : violation.getPropertyPath()) {
      last = node;
    }
    int order = last == null || last.getName() == null ? -1 : component(violation.getLeafBean(), last.getName());
    return order < 0 ? Integer.MAX_VALUE : order;
  }

  /** The position of a record's component, or -1 when {@code bean} is no record or has none so named. */
  private static int component(Object bean, String name) {
    RecordComponent[] components = bean == null ? null : bean.getClass().getRecordComponents();
    for (int i = 0; components != null && i < components.length; i++) {
      if (components[i].getName().equals(name)) {
        return i;
      }
    }
    return -1;
  }
}
