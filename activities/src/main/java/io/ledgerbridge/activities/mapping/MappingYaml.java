package io.ledgerbridge.activities.mapping;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ledgerbridge.workflows.catalog.SyncObject;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.yaml.snakeyaml.DumperOptions.FlowStyle;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.nodes.Tag;
import org.yaml.snakeyaml.reader.ReaderException;

/**
 * A mappings document as SnakeYAML composes it, before it is bound to {@link MappingFile}. Its nodes
 * keep their line, also after an admin's override is merged in, so a problem found in the typed model
 * is reported at the line of the file that holds it ({@link #refuse}).
 *
 * <p>Paths name a place in the document as Jackson and Bean Validation do: keys and list indexes, e.g.
 * {@code [mappings, 0, fields, 3, type]}.
 */
final class MappingYaml {
  private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

  private final Node root;
  /** The file each node came from: a merged document holds nodes of both. */
  private final Map<Node, String> sources;

  private MappingYaml(Node root, Map<Node, String> sources) {
    this.root = root;
    this.sources = sources;
  }

  /** @throws MappingFileException when the text is not YAML or not a tree of plain keys */
  static MappingYaml parse(String yaml, String source) {
    LoaderOptions options = new LoaderOptions();
    options.setMaxAliasesForCollections(50);
    options.setCodePointLimit(5 * 1024 * 1024);
    Node root;
    try {
      root = new Yaml(options).compose(new StringReader(yaml));
    } catch (ReaderException e) {
      int line = (int) yaml.substring(0, Math.min(e.getPosition(), yaml.length())).chars().filter(c -> c == '\n').count() + 1;
      throw new MappingFileException(source, line, "not valid YAML: special characters are not allowed (U+"
          + String.format("%04X", e.getCodePoint()) + "); remove it");
    } catch (MarkedYAMLException e) {
      int line = e.getProblemMark() != null ? e.getProblemMark().getLine() + 1 : 0;
      throw new MappingFileException(source, line, "not valid YAML: " + e.getProblem());
    } catch (YAMLException e) {
      throw new MappingFileException(source, 0, "not valid YAML: " + e.getMessage());
    }
    if (root == null) {
      throw new MappingFileException(source, 0, "the file is empty");
    }
    Map<Node, String> sources = new IdentityHashMap<>();
    index(root, source, sources, Collections.newSetFromMap(new IdentityHashMap<>()));
    return new MappingYaml(root, sources);
  }

  /**
   * Notes each node's file and refuses what Jackson cannot bind or SnakeYAML's composer lets through:
   * keys given twice, keys that are not plain names, aliases that loop.
   *
   * @param open the collections being indexed around this node
   */
  private static void index(Node node, String source, Map<Node, String> sources, Set<Node> open) {
    if ((node instanceof MappingNode || node instanceof SequenceNode) && !open.add(node)) {
      throw new MappingFileException(
          source, line(node), "an alias (*) refers to a collection that contains it; anchors and aliases may not loop");
    }
    sources.put(node, source);
    if (node instanceof MappingNode mapping) {
      Set<String> keys = new HashSet<>();
      for (NodeTuple tuple : mapping.getValue()) {
        if (!(tuple.getKeyNode() instanceof ScalarNode key)) {
          throw new MappingFileException(source, line(node), "keys must be plain names");
        }
        if (!keys.add(key.getValue())) {
          throw new MappingFileException(source, line(key), "'" + key.getValue() + "' is given twice");
        }
        index(tuple.getValueNode(), source, sources, open);
      }
    } else if (node instanceof SequenceNode sequence) {
      sequence.getValue().forEach(item -> index(item, source, sources, open));
    }
    open.remove(node);
  }

  // ---- merging ----

  /**
   * This document with an admin's override merged in: its settings replace these; a mapping naming
   * the same object and Salesforce object is merged into this one, where fields replace the ones
   * with the same Salesforce name (or QuickBooks path when they have none) and {@code remove: true}
   * drops one, and item accounts replace those of the same item type; other mappings and fields are added.
   */
  MappingYaml withOverride(MappingYaml override) {
    if (!(override.root instanceof MappingNode overrideRoot)) {
      throw override.refuse(List.of(), "expected a mapping of keys to values");
    }
    Map<Node, String> merged = new IdentityHashMap<>(sources);
    merged.putAll(override.sources);
    Node mergedRoot = root instanceof MappingNode baseRoot ? new Merge(merged).root(baseRoot, overrideRoot) : overrideRoot;
    return new MappingYaml(mergedRoot, merged);
  }

  /** The merge's steps; the nodes it makes are noted in {@code sources} as the override's. */
  private record Merge(Map<Node, String> sources) {
    /** How the values of one key in both documents become one; the override's value by default. */
    private interface ValueMerge {
      Node merge(String key, Node base, Node override);
    }

    private MappingNode root(MappingNode base, MappingNode override) {
      return entries(base, override, (key, baseValue, value) -> {
        if (key.equals("mappings") && baseValue instanceof SequenceNode baseList && value instanceof SequenceNode list) {
          return mappings(baseList, list);
        }
        if (key.equals("deferral") && baseValue instanceof MappingNode baseDeferral && value instanceof MappingNode deferral) {
          return entries(baseDeferral, deferral, (setting, baseSetting, overrideSetting) -> overrideSetting);
        }
        return value;
      });
    }

    /**
     * {@code base}'s entries (none when it is null) with {@code override}'s put in, where they stand
     * in {@code base}; the node stands where {@code override} does.
     */
    private MappingNode entries(MappingNode base, MappingNode override, ValueMerge merge) {
      List<NodeTuple> entries = base == null ? new ArrayList<>() : new ArrayList<>(base.getValue());
      for (NodeTuple entry : override.getValue()) {
        String key = keyOf(entry);
        Node merged = merge.merge(key, base == null ? null : get(base, key), entry.getValueNode());
        int index = 0;
        while (index < entries.size() && !keyOf(entries.get(index)).equals(key)) {
          index++;
        }
        if (index < entries.size()) {
          entries.set(index, new NodeTuple(entry.getKeyNode(), merged));
        } else {
          entries.add(new NodeTuple(entry.getKeyNode(), merged));
        }
      }
      MappingNode node = new MappingNode(Tag.MAP, true, entries, override.getStartMark(), override.getEndMark(), FlowStyle.AUTO);
      sources.put(node, sources.get(override));
      return node;
    }

    private SequenceNode mappings(SequenceNode base, SequenceNode override) {
      List<Node> result = new ArrayList<>(base.getValue());
      for (Node item : override.getValue()) {
        int index = lastIndexOf(result, item, Merge::mappingKey);
        if (!(item instanceof MappingNode mapping)) {
          result.add(item);
        } else if (index < 0) {
          result.add(mapping(null, mapping));
        } else {
          result.set(index, narrowed(mapping((MappingNode) result.get(index), mapping), mapping));
        }
      }
      return sequenceNode(result, override);
    }

    /**
     * A merged mapping whose override narrows it to one direction, without the default fields that flow only
     * the other way (Vendor's CompanyName to QuickBooks when vendors go to Salesforce only), and without the
     * default item accounts when items no longer go to QuickBooks: they could not flow, and the admin did not
     * write them. The override's own fields are kept as written, so one of them
     * that flows the other way is still refused.
     */
    private MappingNode narrowed(MappingNode merged, MappingNode override) {
      String direction = text(get(override, "direction"));
      if (direction == null || direction.equalsIgnoreCase("BOTH")) {
        return merged;
      }
      return withoutFieldsFlowingOnlyAgainst(merged, direction, sources.get(override));
    }

    /** {@code mapping} (a mapping or its lines) without the fields not from {@code kept} that flow only against {@code direction}. */
    private MappingNode withoutFieldsFlowingOnlyAgainst(MappingNode mapping, String direction, String kept) {
      List<NodeTuple> entries = new ArrayList<>();
      for (NodeTuple entry : mapping.getValue()) {
        Node value = entry.getValueNode();
        if (keyOf(entry).equals("fields") && value instanceof SequenceNode fields) {
          List<Node> flowing = fields.getValue().stream()
              .filter(field -> kept.equals(sources.get(field)) || !(field instanceof MappingNode fieldNode)
                  || !flowsOnlyAgainst(text(get(fieldNode, "direction")), direction))
              .toList();
          value = sequenceNode(flowing, fields);
        } else if (keyOf(entry).equals("lines") && value instanceof MappingNode lines) {
          value = withoutFieldsFlowingOnlyAgainst(lines, direction, kept);
        } else if (keyOf(entry).equals("itemAccounts") && !kept.equals(sources.get(value))
            && direction.equalsIgnoreCase("QBO_TO_SALESFORCE")) {
          continue; // items are created only from Salesforce
        } else if (keyOf(entry).equals("container") && !kept.equals(sources.get(value))
            && direction.equalsIgnoreCase("SALESFORCE_TO_QBO")) {
          continue; // a container is made only in Salesforce
        }
        entries.add(new NodeTuple(entry.getKeyNode(), value));
      }
      MappingNode node = new MappingNode(Tag.MAP, true, entries, mapping.getStartMark(), mapping.getEndMark(), FlowStyle.AUTO);
      sources.put(node, sources.get(mapping));
      return node;
    }

    private static boolean flowsOnlyAgainst(String fieldDirection, String mappingDirection) {
      return fieldDirection != null && !fieldDirection.equalsIgnoreCase("BOTH")
          && !fieldDirection.equalsIgnoreCase(mappingDirection);
    }

    /** A mapping, its lines or its container; {@code base} is null when there is none to merge into. */
    private MappingNode mapping(MappingNode base, MappingNode override) {
      return entries(base, override, (key, baseValue, value) -> {
        if (key.equals("fields") && value instanceof SequenceNode fields) {
          return fields(baseValue instanceof SequenceNode baseFields ? baseFields : null, fields);
        }
        if ((key.equals("lines") || key.equals("container")) && value instanceof MappingNode child) {
          return mapping(baseValue instanceof MappingNode baseChild ? baseChild : null, child);
        }
        if (key.equals("itemAccounts") && baseValue instanceof MappingNode baseAccounts && value instanceof MappingNode accounts) {
          return entries(baseAccounts, accounts, (itemType, baseTypeAccounts, typeAccounts) -> typeAccounts);
        }
        return value;
      });
    }

    /**
     * {@code base} is null when there are no default fields to merge into: the override's are taken as
     * they are, but a removal has nothing to remove, so it is left out too.
     */
    private SequenceNode fields(SequenceNode base, SequenceNode override) {
      List<Node> result = new ArrayList<>(base == null ? List.of() : base.getValue());
      for (Node field : override.getValue()) {
        int index = base == null ? -1 : lastIndexOf(result, field, Merge::fieldKey);
        boolean remove = field instanceof MappingNode m && "true".equalsIgnoreCase(text(get(m, "remove")));
        if (index >= 0 && remove) {
          result.remove(index);
        } else if (index >= 0) {
          result.set(index, field);
        } else if (!remove) {
          result.add(field);
        }
      }
      return sequenceNode(result, override);
    }

    /** The last of {@code nodes} with the same key as {@code wanted}, or -1; a node without a key matches none. */
    private static int lastIndexOf(List<Node> nodes, Node wanted, Function<MappingNode, String> key) {
      String wantedKey = wanted instanceof MappingNode m ? key.apply(m) : null;
      int index = -1;
      for (int i = 0; wantedKey != null && i < nodes.size(); i++) {
        if (nodes.get(i) instanceof MappingNode existing && wantedKey.equals(key.apply(existing))) {
          index = i;
        }
      }
      return index;
    }

    /** A mapping is overridden by one naming the same object and Salesforce object. */
    private static String mappingKey(MappingNode mapping) {
      String object = text(get(mapping, "object"));
      String salesforceObject = text(get(mapping, "salesforceObject"));
      if (object == null || salesforceObject == null) {
        return null;
      }
      return object.toLowerCase(Locale.ROOT) + "|" + salesforceObject.toLowerCase(Locale.ROOT);
    }

    /** Fields are matched by their Salesforce name, or their QuickBooks path(s) when they have none. */
    private static String fieldKey(MappingNode field) {
      String salesforce = text(get(field, "salesforce"));
      if (salesforce != null) {
        return "sf:" + salesforce.toLowerCase(Locale.ROOT);
      }
      Node qbo = get(field, "qbo");
      if (qbo instanceof SequenceNode paths) {
        return "qbo:" + paths.getValue().stream().map(MappingYaml::text).collect(Collectors.joining(","));
      }
      return "qbo:" + text(qbo);
    }

    /** A list made by the merge: it stands where {@code like} stands in the override. */
    private SequenceNode sequenceNode(List<Node> items, SequenceNode like) {
      SequenceNode node = new SequenceNode(Tag.SEQ, true, items, like.getStartMark(), like.getEndMark(), FlowStyle.AUTO);
      sources.put(node, sources.get(like));
      return node;
    }
  }

  // ---- reading ----

  /** The document as JSON, for Jackson to bind; YAML scalars are text (Jackson converts them), null stays null. */
  JsonNode toJson() {
    return json(root);
  }

  private static JsonNode json(Node node) {
    if (node instanceof MappingNode mapping) {
      ObjectNode object = JSON.objectNode();
      mapping.getValue().forEach(entry -> object.set(keyOf(entry), json(entry.getValueNode())));
      return object;
    }
    if (node instanceof SequenceNode sequence) {
      ArrayNode array = JSON.arrayNode();
      sequence.getValue().forEach(item -> array.add(json(item)));
      return array;
    }
    String text = text(node);
    return text == null ? JSON.nullNode() : JSON.textNode(text);
  }

  /** Where {@code path} is defined, as "file line n", for {@link FieldMapping#origin()} and the like. */
  String origin(List<?> path) {
    Node node = locate(path);
    return sources.get(node) + " line " + line(node);
  }

  /** The line of {@code path}, or of the nearest enclosing node when a key at its end is missing. */
  int line(List<?> path) {
    return line(locate(path));
  }

  /**
   * The column of the value at {@code path}, for ordering problems on one line; {@link Integer#MAX_VALUE}
   * when a key at its end is missing, so the values given come first.
   */
  int column(List<?> path) {
    Node node = locate(path);
    return node != find(path) || node.getStartMark() == null ? Integer.MAX_VALUE : node.getStartMark().getColumn();
  }

  /**
   * A refusal of the value at {@code path}: its file and line, and the reason after the place it names,
   * e.g. {@code Customer mapping: fields.type: 'money' is not one of text, number, boolean, date}.
   */
  MappingFileException refuse(List<?> path, String reason) {
    Node node = locate(path);
    return new MappingFileException(sources.get(node), line(node), describe(path) + ": " + reason);
  }

  /** The node at {@code path}, or the nearest enclosing one when a key at its end is missing. */
  private Node locate(List<?> path) {
    Node node = root;
    for (Object step : path) {
      Node next = child(node, step);
      if (next == null) {
        return node;
      }
      node = next;
    }
    return node;
  }

  /** The node at {@code path}, or null. */
  private Node find(List<?> path) {
    Node node = root;
    for (int i = 0; node != null && i < path.size(); i++) {
      node = child(node, path.get(i));
    }
    return node;
  }

  private static Node child(Node node, Object step) {
    if (node instanceof MappingNode mapping && step instanceof String key) {
      return get(mapping, key);
    }
    if (node instanceof SequenceNode sequence && step instanceof Integer index && index < sequence.getValue().size()) {
      return sequence.getValue().get(index);
    }
    return null;
  }

  /**
   * The place a path names, in the admin's terms: a mapping by its object ("Customer mapping: ...")
   * and keys joined by dots; list positions are left out (the line points at the entry) unless the
   * entry itself is at fault ("mappings[]").
   */
  private String describe(List<?> path) {
    if (path.isEmpty()) {
      return "the file";
    }
    if (path.size() > 2 && path.get(0).equals("mappings") && path.get(1) instanceof Integer) {
      String within = describe(path.subList(2, path.size()));
      return SyncObject.find(text(find(List.of("mappings", path.get(1), "object"))))
          .map(known -> known.displayName() + " mapping: " + within)
          .orElse("mappings[]." + within);
    }
    StringBuilder place = new StringBuilder();
    for (int i = 0; i < path.size(); i++) {
      Object step = path.get(i);
      if (step instanceof String key) {
        place.append(place.isEmpty() ? "" : ".").append(key);
      } else if (i == path.size() - 1) {
        place.append("[]");
      }
    }
    return place.toString();
  }

  private static Node get(MappingNode mapping, String key) {
    for (NodeTuple entry : mapping.getValue()) {
      if (keyOf(entry).equals(key)) {
        return entry.getValueNode();
      }
    }
    return null;
  }

  private static String keyOf(NodeTuple entry) {
    return ((ScalarNode) entry.getKeyNode()).getValue();
  }

  /** A scalar's text; null for YAML null ({@code ~}, empty), collections and absent nodes. */
  private static String text(Node node) {
    if (!(node instanceof ScalarNode scalar)) {
      return null;
    }
    boolean isNull = Tag.NULL.equals(scalar.getTag()) && (scalar.getValue().isEmpty() || scalar.getValue().equals("~")
        || scalar.getValue().equalsIgnoreCase("null"));
    return isNull ? null : scalar.getValue();
  }

  private static int line(Node node) {
    return node.getStartMark() == null ? 0 : node.getStartMark().getLine() + 1;
  }
}
