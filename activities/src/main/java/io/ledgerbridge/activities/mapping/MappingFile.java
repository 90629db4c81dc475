package io.ledgerbridge.activities.mapping;

import com.fasterxml.jackson.annotation.JsonFormat;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import io.ledgerbridge.activities.mapping.MappingBinding.QboPathsDeserializer;
import io.ledgerbridge.activities.mapping.MappingConstraints.ApiName;
import io.ledgerbridge.activities.mapping.MappingConstraints.FieldPath;
import io.ledgerbridge.activities.mapping.MappingConstraints.OneOf;
import io.ledgerbridge.activities.mapping.MappingConstraints.Template;
import io.ledgerbridge.workflows.catalog.SyncDirection;
import io.ledgerbridge.workflows.catalog.SyncObject;
import io.ledgerbridge.workflows.sync.ConflictPolicy;
import jakarta.validation.Valid;
import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.Size;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Stream;

/**
 * A mappings file as typed data (the format is documented in {@code default-mappings.yaml}): Jackson
 * binds it, refusing unknown keys, and Bean Validation checks each value. A key left out is null here;
 * {@link MappingLoader} supplies the defaults and checks what needs the catalog or the directions.
 * Constraint messages are the reason after the value at fault ({@link MappingConstraints}).
 */
record MappingFile(
    @Min(value = 1, message = MappingFile.ONLY_VERSION_1) @Max(value = 1, message = MappingFile.ONLY_VERSION_1)
    Integer version,
    @Valid Deferral deferral,
    Boolean multiCurrency,
    @NotNull(message = "required, a list of object mappings")
    List<@NotNull(message = MappingFile.EXPECTED_MAPPING) @Valid MappingEntry> mappings) {

  static final String REQUIRED = "required";
  static final String EXPECTED_MAPPING = "expected a mapping of keys to values";
  static final String NOT_POSITIVE = "is not a positive whole number";
  static final String ONLY_VERSION_1 = "is not a known version; only version 1 is known";

  record Deferral(@Positive(message = NOT_POSITIVE) Integer maxAttempts) {}

  /** One object mapping; {@code object} and {@code salesforceObject} name it in an override. */
  record MappingEntry(
      @NotNull(message = REQUIRED) SyncObject object,
      @NotNull(message = REQUIRED) Direction direction,
      @NotNull(message = REQUIRED) @ApiName String salesforceObject,
      @ApiName String externalIdField,
      Boolean keyNamesEntity,
      @ApiName String qboEntity,
      String qboCondition,
      List<@NotNull(message = REQUIRED) @FieldPath String> qboHasAnyOf,
      String salesforceCondition,
      @ApiName(message = "is not a record type's API name (its DeveloperName)") String recordType,
      ConflictPolicy conflictPolicy,
      @Valid MatchingEntry matching,
      Map<@ApiName(message = "is not a Salesforce field name") String, @NotNull(message = REQUIRED) String> onDelete,
      SalesforceDeletePolicy onSalesforceDelete,
      @FieldPath(plain = true, message = "is not a plain QuickBooks path") String standardPrice,
      @ApiName String originField,
      @Valid LinesEntry lines,
      @Valid ContainerEntry container,
      Map<String, @NotNull(message = EXPECTED_MAPPING) @Valid ItemAccountsEntry> itemAccounts,
      @NotNull(message = REQUIRED) @Size(min = 1, message = "map at least one field")
      List<@NotNull(message = EXPECTED_MAPPING) @Valid FieldEntry> fields) {}

  /** One item type's accounts, by name in the company's chart of accounts. */
  record ItemAccountsEntry(
      @NotBlank(message = "required, the name of the income account") String income,
      @Pattern(regexp = ".*\\S.*", message = "is blank; give an account's name or leave the key out") String expense,
      @Pattern(regexp = ".*\\S.*", message = "is blank; give an account's name or leave the key out") String asset) {}

  record MatchingEntry(Boolean enabled, List<@NotNull(message = EXPECTED_MAPPING) @Valid PairEntry> pairs) {
    @AssertTrue(message = "enabled, but no pairs say which fields to match on")
    public boolean isPairedWhenEnabled() {
      return !Boolean.TRUE.equals(enabled) || pairs != null && !pairs.isEmpty();
    }
  }

  record PairEntry(@NotNull(message = REQUIRED) @FieldPath String qbo, @NotNull(message = REQUIRED) @ApiName String salesforce) {}

  record LinesEntry(
      @NotNull(message = REQUIRED) @ApiName String salesforceObject,
      @NotNull(message = REQUIRED) @ApiName String parentField,
      @ApiName String externalIdField,
      @NotNull(message = REQUIRED) @FieldPath String qboPath,
      Map<String, @NotNull(message = REQUIRED) String> qboFilter,
      @Template String qboLineId,
      Map<String, @NotNull(message = REQUIRED) String> qboComputed,
      @FieldPath String qboInner,
      Boolean checkTotal,
      @ApiName String priceBookEntryField,
      @NotNull(message = REQUIRED) List<@NotNull(message = EXPECTED_MAPPING) @Valid FieldEntry> fields) {}

  /** The parent record the sync makes in Salesforce for a record created there that needs one (see ContainerMapping). */
  record ContainerEntry(
      @NotNull(message = REQUIRED) @ApiName String salesforceObject,
      @NotNull(message = "required, the record's lookup to the container, e.g. OpportunityId") @ApiName String field,
      @ApiName String externalIdField,
      @NotNull(message = REQUIRED) @Size(min = 1, message = "map at least one field")
      List<@NotNull(message = EXPECTED_MAPPING) @Valid FieldEntry> fields) {}

  /**
   * One mapped field.
   *
   * @param qbo one QuickBooks path, or a list of two or more: joined by newlines for text, alternatives (the first
   *     with a value) for another type
   * @param remove an override's instruction to drop the default field it names; the merge carries it
   *     out, so it is only ever false here
   */
  record FieldEntry(
      @ApiName String salesforce,
      @JsonDeserialize(using = QboPathsDeserializer.class)
      @JsonFormat(with = JsonFormat.Feature.WRITE_SINGLE_ELEM_ARRAYS_UNWRAPPED)
      List<@NotNull(message = REQUIRED) @FieldPath String> qbo,
      Direction direction,
      ValueType type,
      SyncObject reference,
      Boolean required,
      @Positive(message = NOT_POSITIVE) Integer length,
      @Positive(message = NOT_POSITIVE) Integer qboLength,
      List<@NotNull(message = REQUIRED) @OneOf({"trim", "truncate", "upper", "lower"}) String> transforms,
      Map<String, @NotNull(message = REQUIRED) String> map,
      Map<String, @NotNull(message = REQUIRED) String> reverseMap,
      @JsonProperty("default") String defaultValue,
      String constant,
      @Template String template,
      @OneOf({"invoiceStatus", "paymentStatus"}) String function,
      Boolean createOnly,
      Boolean multiCurrency,
      Boolean remove) {

    @AssertTrue(message = "give only one of constant, template and function")
    public boolean isOneValueSource() {
      return Stream.of(constant, template, function).filter(Objects::nonNull).count() <= 1;
    }

    @AssertTrue(message = "a reference is an id; leave type out")
    public boolean isReferenceAsText() {
      return reference == null || type == null || type == ValueType.TEXT;
    }
  }

  /** A mapping's or field's direction as the file writes it. */
  enum Direction {
    QBO_TO_SALESFORCE,
    SALESFORCE_TO_QBO,
    BOTH;

    Set<SyncDirection> syncDirections() {
      return this == BOTH ? EnumSet.allOf(SyncDirection.class) : EnumSet.of(SyncDirection.valueOf(name()));
    }
  }
}
