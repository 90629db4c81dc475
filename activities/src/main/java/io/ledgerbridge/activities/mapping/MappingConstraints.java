package io.ledgerbridge.activities.mapping;

import static java.lang.annotation.ElementType.ANNOTATION_TYPE;
import static java.lang.annotation.ElementType.FIELD;
import static java.lang.annotation.ElementType.METHOD;
import static java.lang.annotation.ElementType.PARAMETER;
import static java.lang.annotation.ElementType.TYPE_USE;
import static java.lang.annotation.RetentionPolicy.RUNTIME;

import jakarta.validation.Constraint;
import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;
import jakarta.validation.Payload;
import jakarta.validation.ReportAsSingleViolation;
import jakarta.validation.constraints.Pattern;
import java.lang.annotation.Retention;
import java.lang.annotation.Target;
import java.util.Arrays;

/**
 * The Bean Validation constraints of {@link MappingFile} that the standard ones do not express. A
 * message is the reason after the offending value, which {@link MappingLoader} puts in front of it.
 * The validators are public: Hibernate Validator instantiates them through their public constructor.
 */
final class MappingConstraints {
  private MappingConstraints() {}

  /** A Salesforce or QuickBooks API name: letters, digits and _, so it cannot change a query's meaning. */
  @Constraint(validatedBy = {})
  @Pattern(regexp = "[A-Za-z][A-Za-z0-9_]*")
  @ReportAsSingleViolation
  @Target({FIELD, METHOD, PARAMETER, TYPE_USE, ANNOTATION_TYPE})
  @Retention(RUNTIME)
  public @interface ApiName {
    String message() default "is not an API name (letters, digits and _)";

    Class<?>[] groups() default {};

    Class<? extends Payload>[] payload() default {};
  }

  /** A path into a QuickBooks record ({@link Paths}); {@code plain}: dotted names only, no selectors. */
  @Constraint(validatedBy = FieldPathValidator.class)
  @Target({FIELD, METHOD, PARAMETER, TYPE_USE})
  @Retention(RUNTIME)
  public @interface FieldPath {
    boolean plain() default false;

    String message() default "is not a field path such as BillAddr.City or Line[*].Amount";

    Class<?>[] groups() default {};

    Class<? extends Payload>[] payload() default {};
  }

  /** One of a few names, e.g. the transforms; the message lists them. */
  @Constraint(validatedBy = OneOfValidator.class)
  @Target({FIELD, METHOD, PARAMETER, TYPE_USE})
  @Retention(RUNTIME)
  public @interface OneOf {
    String[] value();

    String message() default "is not one of {value}";

    Class<?>[] groups() default {};

    Class<? extends Payload>[] payload() default {};
  }

  /** A template whose every {placeholder} is a field path, of the record or of its parent ({parent.path}). */
  @Constraint(validatedBy = TemplateValidator.class)
  @Target({FIELD, METHOD, PARAMETER, TYPE_USE})
  @Retention(RUNTIME)
  public @interface Template {
    String message() default "has a placeholder that is not a field path; write \\{BillAddr.City\\} or \\{parent.DocNumber\\}";

    Class<?>[] groups() default {};

    Class<? extends Payload>[] payload() default {};
  }

  public static final class FieldPathValidator implements ConstraintValidator<FieldPath, String> {
    private boolean plain;

    @Override
    public void initialize(FieldPath constraint) {
      plain = constraint.plain();
    }

    @Override
    public boolean isValid(String path, ConstraintValidatorContext context) {
      return path == null || (plain ? Paths.single(path) && !path.contains("[") : Paths.valid(path));
    }
  }

  public static final class OneOfValidator implements ConstraintValidator<OneOf, String> {
    private String[] names;

    @Override
    public void initialize(OneOf constraint) {
      names = constraint.value();
    }

    @Override
    public boolean isValid(String name, ConstraintValidatorContext context) {
      return name == null || Arrays.asList(names).contains(name);
    }
  }

  public static final class TemplateValidator implements ConstraintValidator<Template, String> {
    @Override
    public boolean isValid(String template, ConstraintValidatorContext context) {
      return template == null || FieldMapping.placeholders(template).stream()
          .map(placeholder -> placeholder.startsWith("parent.") ? placeholder.substring("parent.".length()) : placeholder)
          .allMatch(Paths::valid);
    }
  }
}
