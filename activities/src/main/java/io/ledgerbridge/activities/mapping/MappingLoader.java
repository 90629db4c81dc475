package io.ledgerbridge.activities.mapping;

import io.ledgerbridge.activities.mapping.YamlTree.ListValue;
import io.ledgerbridge.activities.mapping.YamlTree.MapValue;
import io.ledgerbridge.activities.mapping.YamlTree.Scalar;
import io.ledgerbridge.activities.mapping.YamlTree.Value;
import io.ledgerbridge.workflows.catalog.SyncDirection;
import io.ledgerbridge.workflows.catalog.SyncObject;
import io.ledgerbridge.workflows.sync.ConflictPolicy;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Reads mapping YAML into {@link Mappings}: merges an admin's override into the defaults, then
 * checks everything and refuses the first problem with its file, line and reason.
 */
final class MappingLoader {
  static final String DEFAULT_EXTERNAL_ID = "QBO_Id__c";

  private static final Pattern API_NAME = Pattern.compile("[A-Za-z][A-Za-z0-9_]*");
  private static final Set<String> ROOT_KEYS = Set.of("version", "deferral", "mappings");
  private static final Set<String> DEFERRAL_KEYS = Set.of("maxAttempts");
  private static final Set<String> MAPPING_KEYS =
      Set.of(
          "object", "direction", "salesforceObject", "externalIdField", "qboEntity", "qboCondition",
          "salesforceCondition", "conflictPolicy", "matching", "onDelete", "standardPrice", "originField", "lines",
          "fields");
  private static final Set<String> MATCHING_KEYS = Set.of("enabled", "pairs");
  private static final Set<String> PAIR_KEYS = Set.of("qbo", "salesforce");
  private static final Set<String> LINE_KEYS =
      Set.of("salesforceObject", "parentField", "externalIdField", "qboPath", "qboFilter", "fields");
  private static final Set<String> FIELD_KEYS =
      Set.of(
          "salesforce", "qbo", "direction", "type", "reference", "required", "length", "qboLength", "transforms",
          "map", "reverseMap", "default", "constant", "template", "function", "createOnly", "remove");

  private MappingLoader() {}

  /** The defaults with {@code override} (may be null) merged in, checked. */
  static Mappings load(String defaultsYaml, String defaultsSource, String overrideYaml, String overrideSource) {
    MapValue root = map(YamlTree.parse(defaultsYaml, defaultsSource), "the file");
    if (overrideYaml != null) {
      MapValue override = map(YamlTree.parse(overrideYaml, overrideSource), "the file");
      checkKeys(override, ROOT_KEYS, "");
      root = mergeRoot(root, override);
    }
    return read(root);
  }

  // ---- merging ----

  private static MapValue mergeRoot(MapValue base, MapValue override) {
    Map<String, Value> entries = new LinkedHashMap<>(base.entries());
    for (Map.Entry<String, Value> e : override.entries().entrySet()) {
      if (e.getKey().equals("mappings") && base.entries().get("mappings") instanceof ListValue baseList) {
        entries.put("mappings", mergeMappings(baseList, list(e.getValue(), "mappings")));
      } else if (e.getKey().equals("deferral") && base.entries().get("deferral") instanceof MapValue baseDeferral) {
        Map<String, Value> merged = new LinkedHashMap<>(baseDeferral.entries());
        merged.putAll(map(e.getValue(), "deferral").entries());
        entries.put("deferral", new MapValue(merged, e.getValue().source(), e.getValue().line()));
      } else {
        entries.put(e.getKey(), e.getValue());
      }
    }
    return new MapValue(entries, override.source(), override.line());
  }

  private static ListValue mergeMappings(ListValue base, ListValue override) {
    List<Value> result = new ArrayList<>(base.items());
    for (Value item : override.items()) {
      MapValue mapping = map(item, "mappings[]");
      String key = mappingKey(mapping);
      int index = -1;
      for (int i = 0; i < result.size(); i++) {
        if (result.get(i) instanceof MapValue existing && key != null && key.equals(mappingKey(existing))) {
          index = i;
        }
      }
      if (index < 0) {
        result.add(mapping);
        continue;
      }
      MapValue existing = (MapValue) result.get(index);
      Map<String, Value> merged = new LinkedHashMap<>(existing.entries());
      for (Map.Entry<String, Value> e : mapping.entries().entrySet()) {
        if (e.getKey().equals("fields") && existing.entries().get("fields") instanceof ListValue baseFields) {
          merged.put("fields", mergeFields(baseFields, list(e.getValue(), "fields")));
        } else if (e.getKey().equals("lines")
            && existing.entries().get("lines") instanceof MapValue baseLines
            && e.getValue() instanceof MapValue overrideLines) {
          Map<String, Value> lines = new LinkedHashMap<>(baseLines.entries());
          for (Map.Entry<String, Value> le : overrideLines.entries().entrySet()) {
            if (le.getKey().equals("fields") && baseLines.entries().get("fields") instanceof ListValue baseLineFields) {
              lines.put("fields", mergeFields(baseLineFields, list(le.getValue(), "lines.fields")));
            } else {
              lines.put(le.getKey(), le.getValue());
            }
          }
          merged.put("lines", new MapValue(lines, overrideLines.source(), overrideLines.line()));
        } else {
          merged.put(e.getKey(), e.getValue());
        }
      }
      result.set(index, new MapValue(merged, mapping.source(), mapping.line()));
    }
    return new ListValue(result, override.source(), override.line());
  }

  /** A mapping is overridden by one naming the same object and Salesforce object. */
  private static String mappingKey(MapValue mapping) {
    String object = scalarText(mapping.entries().get("object"));
    String salesforceObject = scalarText(mapping.entries().get("salesforceObject"));
    if (object == null || salesforceObject == null) {
      return null;
    }
    return object.toLowerCase(Locale.ROOT) + "|" + salesforceObject.toLowerCase(Locale.ROOT);
  }

  private static ListValue mergeFields(ListValue base, ListValue override) {
    List<Value> result = new ArrayList<>(base.items());
    for (Value item : override.items()) {
      MapValue field = map(item, "fields[]");
      String key = fieldKey(field);
      int index = -1;
      for (int i = 0; i < result.size(); i++) {
        if (result.get(i) instanceof MapValue existing && key.equals(fieldKey(existing))) {
          index = i;
        }
      }
      boolean remove = "true".equalsIgnoreCase(scalarText(field.entries().get("remove")));
      if (index >= 0 && remove) {
        result.remove(index);
      } else if (index >= 0) {
        result.set(index, field);
      } else if (!remove) {
        result.add(field);
      }
    }
    return new ListValue(result, override.source(), override.line());
  }

  /** Fields are matched by their Salesforce name, or their QuickBooks path when they have none. */
  private static String fieldKey(MapValue field) {
    String salesforce = scalarText(field.entries().get("salesforce"));
    if (salesforce != null) {
      return "sf:" + salesforce.toLowerCase(Locale.ROOT);
    }
    Value qbo = field.entries().get("qbo");
    return "qbo:" + (qbo instanceof Scalar s ? s.text() : String.valueOf(qbo));
  }

  // ---- reading and checking ----

  private static Mappings read(MapValue root) {
    checkKeys(root, ROOT_KEYS, "");
    Value version = root.entries().get("version");
    if (version != null && !"1".equals(scalarText(version))) {
      throw error(version, "version: only version 1 is known");
    }
    int maxAttempts = 3;
    Value deferral = root.entries().get("deferral");
    if (deferral != null) {
      MapValue d = map(deferral, "deferral");
      checkKeys(d, DEFERRAL_KEYS, "deferral.");
      if (d.entries().containsKey("maxAttempts")) {
        maxAttempts = positiveInt(d.entries().get("maxAttempts"), "deferral.maxAttempts");
      }
    }
    Value mappingsValue = root.entries().get("mappings");
    if (mappingsValue == null) {
      throw error(root, "mappings: required, a list of object mappings");
    }
    ListValue mappings = list(mappingsValue, "mappings");
    List<ObjectMapping> result = new ArrayList<>();
    Map<String, Value> covered = new LinkedHashMap<>();
    for (Value item : mappings.items()) {
      ObjectMapping mapping = mapping(map(item, "mappings[]"));
      for (SyncDirection direction : mapping.directions()) {
        String key = mapping.object().displayName() + " " + direction;
        if (covered.containsKey(key)) {
          throw error(item, "a second mapping for " + key + " (the first is at line " + covered.get(key).line()
              + "); give one mapping per object and direction");
        }
        covered.put(key, item);
      }
      result.add(mapping);
    }
    return new Mappings(result, maxAttempts);
  }

  private static ObjectMapping mapping(MapValue m) {
    checkKeys(m, MAPPING_KEYS, "");
    SyncObject object = object(required(m, "object"), "object");
    String where = object.displayName() + " mapping: ";
    Set<SyncDirection> directions = directions(required(m, "direction"), where + "direction");
    for (SyncDirection direction : directions) {
      if (!object.supports(direction)) {
        throw error(m.entries().get("direction"), where + "direction: " + object.displayName() + " is not synced "
            + direction + "; it syncs only " + object.directions());
      }
    }
    String salesforceObject = apiName(required(m, "salesforceObject"), where + "salesforceObject");
    String externalIdField = m.entries().containsKey("externalIdField")
        ? apiName(m.entries().get("externalIdField"), where + "externalIdField") : DEFAULT_EXTERNAL_ID;
    String qboEntity = m.entries().containsKey("qboEntity")
        ? apiName(m.entries().get("qboEntity"), where + "qboEntity") : object.displayName();
    String qboCondition = optionalText(m, "qboCondition");
    String salesforceCondition = optionalText(m, "salesforceCondition");
    ConflictPolicy policy = m.entries().containsKey("conflictPolicy")
        ? enumValue(m.entries().get("conflictPolicy"), ConflictPolicy.class, where + "conflictPolicy")
        : object.defaultPolicy();
    Matching matching = matching(m.entries().get("matching"), where);
    Map<String, String> onDelete = m.entries().containsKey("onDelete")
        ? stringMap(m.entries().get("onDelete"), where + "onDelete") : Map.of();
    for (Map.Entry<String, String> e : onDelete.entrySet()) {
      if (!API_NAME.matcher(e.getKey()).matches()) {
        throw error(m.entries().get("onDelete"), where + "onDelete: '" + e.getKey() + "' is not a Salesforce field name");
      }
    }
    String standardPrice = optionalText(m, "standardPrice");
    if (standardPrice != null) {
      if (!object.hasStandardPrice()) {
        throw error(m.entries().get("standardPrice"), where + "standardPrice: " + object.displayName()
            + " has no standard price (objects with one: " + SyncObject.all().stream()
                .filter(SyncObject::hasStandardPrice).map(SyncObject::displayName).collect(Collectors.joining(", ")) + ")");
      }
      if (!Paths.single(standardPrice) || standardPrice.contains("[")) {
        throw error(m.entries().get("standardPrice"), where + "standardPrice: '" + standardPrice
            + "' is not a plain QuickBooks path");
      }
    }
    Value fieldsValue = required(m, "fields");
    List<FieldMapping> fields = fields(list(fieldsValue, where + "fields"), object, directions, where + "fields");
    if (fields.isEmpty()) {
      throw error(fieldsValue, where + "fields: map at least one field");
    }
    String originField = m.entries().containsKey("originField")
        ? apiName(m.entries().get("originField"), where + "originField") : null;
    if (originField != null && !directions.contains(SyncDirection.QBO_TO_SALESFORCE)) {
      throw error(m.entries().get("originField"), where + "originField: it is written to Salesforce, so the mapping"
          + " must sync QBO_TO_SALESFORCE");
    }
    LineMapping lines = m.entries().containsKey("lines") ? lines(map(m.entries().get("lines"), where + "lines"),
        object, directions, where + "lines.") : null;
    return new ObjectMapping(object, directions, salesforceObject, externalIdField, qboEntity, qboCondition,
        salesforceCondition, policy, matching, onDelete, standardPrice, originField, lines, fields, origin(m));
  }


  private static Matching matching(Value value, String where) {
    if (value == null) {
      return Matching.off();
    }
    MapValue m = map(value, where + "matching");
    checkKeys(m, MATCHING_KEYS, where + "matching.");
    boolean enabled = m.entries().containsKey("enabled") && bool(m.entries().get("enabled"), where + "matching.enabled");
    List<Matching.Pair> pairs = new ArrayList<>();
    if (m.entries().containsKey("pairs")) {
      for (Value item : list(m.entries().get("pairs"), where + "matching.pairs").items()) {
        MapValue pair = map(item, where + "matching.pairs[]");
        checkKeys(pair, PAIR_KEYS, where + "matching.pairs[].");
        String qbo = path(required(pair, "qbo"), where + "matching.pairs[].qbo");
        String salesforce = apiName(required(pair, "salesforce"), where + "matching.pairs[].salesforce");
        pairs.add(new Matching.Pair(qbo, salesforce));
      }
    }
    if (enabled && pairs.isEmpty()) {
      throw error(m, where + "matching: enabled, but no pairs say which fields to match on");
    }
    return new Matching(enabled, pairs);
  }

  private static LineMapping lines(MapValue m, SyncObject object, Set<SyncDirection> directions, String where) {
    checkKeys(m, LINE_KEYS, where);
    String salesforceObject = apiName(required(m, "salesforceObject"), where + "salesforceObject");
    String parentField = apiName(required(m, "parentField"), where + "parentField");
    String externalIdField = m.entries().containsKey("externalIdField")
        ? apiName(m.entries().get("externalIdField"), where + "externalIdField") : null;
    if (externalIdField == null && directions.contains(SyncDirection.QBO_TO_SALESFORCE)) {
      throw error(m, where + "externalIdField: required when lines are written to Salesforce");
    }
    String qboPath = path(required(m, "qboPath"), where + "qboPath");
    Map<String, String> filter = m.entries().containsKey("qboFilter")
        ? stringMap(m.entries().get("qboFilter"), where + "qboFilter") : Map.of();
    List<FieldMapping> fields = fields(list(required(m, "fields"), where + "fields"), object, directions, where + "fields");
    return new LineMapping(salesforceObject, parentField, externalIdField, qboPath, filter, fields);
  }

  private static List<FieldMapping> fields(ListValue list, SyncObject object, Set<SyncDirection> directions, String where) {
    List<FieldMapping> fields = new ArrayList<>();
    Map<String, FieldMapping> salesforceTargets = new LinkedHashMap<>();
    Map<String, FieldMapping> qboTargets = new LinkedHashMap<>();
    for (int i = 0; i < list.items().size(); i++) {
      Value item = list.items().get(i);
      MapValue f = map(item, where);
      if ("true".equalsIgnoreCase(scalarText(f.entries().get("remove")))) {
        continue;
      }
      FieldMapping field = field(f, object, directions, where);
      if (field.flows(SyncDirection.QBO_TO_SALESFORCE)) {
        String key = field.salesforce().toLowerCase(Locale.ROOT);
        if (salesforceTargets.containsKey(key)) {
          throw error(f, where + "[" + i + "]: Salesforce field " + field.salesforce() + " is mapped twice (also at "
              + salesforceTargets.get(key).origin() + ")");
        }
        salesforceTargets.put(key, field);
      }
      if (field.flows(SyncDirection.SALESFORCE_TO_QBO)) {
        for (String path : field.qbo()) {
          if (qboTargets.containsKey(path)) {
            throw error(f, where + "[" + i + "]: QuickBooks field " + path + " is written twice (also at "
                + qboTargets.get(path).origin() + ")");
          }
          qboTargets.put(path, field);
        }
      }
      fields.add(field);
    }
    return fields;
  }

  private static FieldMapping field(MapValue f, SyncObject object, Set<SyncDirection> mappingDirections, String where) {
    checkKeys(f, FIELD_KEYS, where + ".");
    String salesforce = f.entries().containsKey("salesforce") ? apiName(f.entries().get("salesforce"), where + ".salesforce") : null;
    if (salesforce != null) {
      where = where + " (" + salesforce + ")";
    }
    List<String> qbo = new ArrayList<>();
    Value qboValue = f.entries().get("qbo");
    if (qboValue instanceof ListValue paths) {
      for (Value path : paths.items()) {
        qbo.add(path(path, where + ".qbo"));
      }
      if (qbo.size() < 2) {
        throw error(qboValue, where + ".qbo: a list joins two or more QuickBooks fields; give one path as text");
      }
    } else if (qboValue != null) {
      qbo.add(path(qboValue, where + ".qbo"));
    }
    Set<SyncDirection> directions = f.entries().containsKey("direction")
        ? directions(f.entries().get("direction"), where + ".direction") : mappingDirections;
    if (!mappingDirections.containsAll(directions)) {
      throw error(f.entries().get("direction"), where + ".direction: the mapping syncs only " + mappingDirections
          + "; a field cannot flow " + directions);
    }
    ValueType type = f.entries().containsKey("type")
        ? enumValue(f.entries().get("type"), ValueType.class, where + ".type") : ValueType.TEXT;
    SyncObject reference = null;
    if (f.entries().containsKey("reference")) {
      reference = object(f.entries().get("reference"), where + ".reference");
      if (!object.parents().contains(reference)) {
        throw error(f.entries().get("reference"), where + ".reference: " + object.displayName() + " does not reference "
            + reference.displayName() + "; its parents are " + object.parents());
      }
      if (type != ValueType.TEXT) {
        throw error(f.entries().get("reference"), where + ".reference: a reference is an id; leave type out");
      }
    }
    boolean required = f.entries().containsKey("required") && bool(f.entries().get("required"), where + ".required");
    Integer length = f.entries().containsKey("length") ? positiveInt(f.entries().get("length"), where + ".length") : null;
    Integer qboLength = f.entries().containsKey("qboLength")
        ? positiveInt(f.entries().get("qboLength"), where + ".qboLength") : null;
    List<String> transforms = new ArrayList<>();
    if (f.entries().containsKey("transforms")) {
      for (Value t : list(f.entries().get("transforms"), where + ".transforms").items()) {
        String name = scalar(t, where + ".transforms[]");
        if (!FieldMapping.TRANSFORMS.contains(name)) {
          throw error(t, where + ".transforms: '" + name + "' is not one of " + new TreeSet<>(FieldMapping.TRANSFORMS));
        }
        transforms.add(name);
      }
    }
    Map<String, String> map = f.entries().containsKey("map") ? stringMap(f.entries().get("map"), where + ".map") : Map.of();
    Map<String, String> reverseMap = f.entries().containsKey("reverseMap")
        ? stringMap(f.entries().get("reverseMap"), where + ".reverseMap") : Map.of();
    String defaultValue = optionalText(f, "default");
    String constant = optionalText(f, "constant");
    String template = optionalText(f, "template");
    String function = optionalText(f, "function");
    boolean createOnly = f.entries().containsKey("createOnly") && bool(f.entries().get("createOnly"), where + ".createOnly");
    if (function != null && !FieldMapping.FUNCTIONS.contains(function)) {
      throw error(f.entries().get("function"), where + ".function: '" + function + "' is not one of "
          + new TreeSet<>(FieldMapping.FUNCTIONS));
    }
    long valueSources = java.util.stream.Stream.of(constant, template, function).filter(Objects::nonNull).count();
    if (valueSources > 1) {
      throw error(f, where + ": give only one of constant, template and function");
    }
    if (template != null) {
      Set<String> placeholders = new HashSet<>();
      new FieldMapping(salesforce, qbo, directions, type, reference, required, length, qboLength, transforms, map,
          reverseMap, defaultValue, constant, template, function, createOnly, "").placeholders().forEach(placeholders::add);
      for (String placeholder : placeholders) {
        String path = placeholder.startsWith("parent.") ? placeholder.substring("parent.".length()) : placeholder;
        if (!Paths.valid(path)) {
          throw error(f.entries().get("template"), where + ".template: '{" + placeholder + "}' is not a field path");
        }
      }
    }
    if ((constant != null || template != null) && directions.size() > 1) {
      throw error(f, where + ": a " + (constant != null ? "constant" : "template")
          + " flows one way; set direction to QBO_TO_SALESFORCE or SALESFORCE_TO_QBO");
    }
    if (function != null && directions.contains(SyncDirection.SALESFORCE_TO_QBO)) {
      throw error(f, where + ": a function computes a Salesforce value; set direction: QBO_TO_SALESFORCE");
    }
    if (directions.contains(SyncDirection.QBO_TO_SALESFORCE)) {
      if (salesforce == null) {
        throw error(f, where + ": name the Salesforce field it writes (salesforce), or set direction: SALESFORCE_TO_QBO");
      }
      if (qbo.isEmpty() && valueSources == 0) {
        throw error(f, where + ": give the QuickBooks field it comes from (qbo), or a constant, template or function");
      }
    }
    if (directions.contains(SyncDirection.SALESFORCE_TO_QBO)) {
      if (qbo.isEmpty()) {
        throw error(f, where + ": name the QuickBooks field it writes (qbo), or set direction: QBO_TO_SALESFORCE");
      }
      for (String path : qbo) {
        if (path.contains("[")) {
          throw error(f.entries().get("qbo"), where + ".qbo: '" + path
              + "' selects array elements; only plain dotted paths can be written to QuickBooks");
        }
      }
      if (salesforce == null && valueSources == 0) {
        throw error(f, where + ": give the Salesforce field it comes from (salesforce), or a constant or template");
      }
      if (directions.size() > 1 && !map.isEmpty() && reverseMap.isEmpty()) {
        Set<String> seen = new HashSet<>();
        for (String target : map.values()) {
          if (!seen.add(target)) {
            throw error(f.entries().get("map"), where + ".map: '" + target
                + "' is the value of two QuickBooks values, so it cannot be mapped back; give reverseMap");
          }
        }
      }
    }
    if (qbo.size() > 1 && type != ValueType.TEXT) {
      throw error(f, where + ": joined QuickBooks fields are text");
    }
    return new FieldMapping(salesforce, qbo, directions, type, reference, required, length, qboLength, transforms, map,
        reverseMap, defaultValue, constant, template, function, createOnly, origin(f));
  }

  // ---- value helpers ----

  private static String origin(Value value) {
    return value.source() + " line " + value.line();
  }

  private static void checkKeys(MapValue m, Set<String> known, String where) {
    for (Map.Entry<String, Value> e : m.entries().entrySet()) {
      if (!known.contains(e.getKey())) {
        throw error(e.getValue(), where + e.getKey() + ": unknown key; known keys are "
            + new TreeSet<>(known).stream().collect(Collectors.joining(", ")));
      }
    }
  }

  private static Value required(MapValue m, String key) {
    Value value = m.entries().get(key);
    if (value == null || value instanceof Scalar s && s.text() == null) {
      throw error(value != null ? value : m, key + ": required");
    }
    return value;
  }

  private static MapValue map(Value value, String what) {
    if (value instanceof MapValue m) {
      return m;
    }
    throw error(value, what + ": expected a mapping of keys to values");
  }

  private static ListValue list(Value value, String what) {
    if (value instanceof ListValue l) {
      return l;
    }
    throw error(value, what + ": expected a list");
  }

  private static String scalar(Value value, String what) {
    if (value instanceof Scalar s && s.text() != null) {
      return s.text();
    }
    throw error(value, what + ": expected a single value");
  }

  private static String scalarText(Value value) {
    return value instanceof Scalar s ? s.text() : null;
  }

  private static String optionalText(MapValue m, String key) {
    Value value = m.entries().get(key);
    if (value == null || value instanceof Scalar s && s.text() == null) {
      return null;
    }
    return scalar(value, key);
  }

  private static String apiName(Value value, String what) {
    String name = scalar(value, what);
    if (!API_NAME.matcher(name).matches()) {
      throw error(value, what + ": '" + name + "' is not an API name (letters, digits and _)");
    }
    return name;
  }

  private static String path(Value value, String what) {
    String path = scalar(value, what);
    if (!Paths.valid(path)) {
      throw error(value, what + ": '" + path + "' is not a field path such as BillAddr.City or Line[*].Amount");
    }
    return path;
  }

  private static SyncObject object(Value value, String what) {
    String name = scalar(value, what);
    return SyncObject.find(name).orElseThrow(
        () -> error(value, what + ": unknown object '" + name + "'; known objects are " + SyncObject.knownNames()));
  }

  private static Set<SyncDirection> directions(Value value, String what) {
    String text = scalar(value, what);
    if (text.equalsIgnoreCase("BOTH")) {
      return EnumSet.allOf(SyncDirection.class);
    }
    return EnumSet.of(enumValue(value, SyncDirection.class, what, "BOTH"));
  }

  private static <E extends Enum<E>> E enumValue(Value value, Class<E> type, String what, String... extra) {
    String text = scalar(value, what);
    for (E constant : type.getEnumConstants()) {
      if (constant.name().equalsIgnoreCase(text)) {
        return constant;
      }
    }
    List<String> allowed = new ArrayList<>(Arrays.stream(type.getEnumConstants()).map(e -> type == ValueType.class
        ? e.name().toLowerCase(Locale.ROOT) : e.name()).toList());
    allowed.addAll(List.of(extra));
    throw error(value, what + ": '" + text + "' is not one of " + String.join(", ", allowed));
  }

  private static boolean bool(Value value, String what) {
    String text = scalar(value, what).toLowerCase(Locale.ROOT);
    if (text.equals("true") || text.equals("false")) {
      return Boolean.parseBoolean(text);
    }
    throw error(value, what + ": '" + text + "' is not true or false");
  }

  private static int positiveInt(Value value, String what) {
    String text = scalar(value, what);
    try {
      int n = Integer.parseInt(text.trim());
      if (n > 0) {
        return n;
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    throw error(value, what + ": '" + text + "' is not a positive whole number");
  }

  private static Map<String, String> stringMap(Value value, String what) {
    MapValue m = map(value, what);
    Map<String, String> result = new LinkedHashMap<>();
    for (Map.Entry<String, Value> e : m.entries().entrySet()) {
      result.put(e.getKey(), scalar(e.getValue(), what + "." + e.getKey()));
    }
    return result;
  }

  private static MappingFileException error(Value at, String reason) {
    return new MappingFileException(at.source(), at.line(), reason);
  }
}
