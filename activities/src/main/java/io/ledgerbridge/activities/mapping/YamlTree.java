package io.ledgerbridge.activities.mapping;

import java.io.StringReader;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
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
 * A YAML document as plain maps, lists and scalars that remember their file and line, so every
 * validation message can point at the line at fault, also after an override was merged in.
 */
final class YamlTree {
  private YamlTree() {}

  /** A value in the tree. */
  sealed interface Value permits MapValue, ListValue, Scalar {
    String source();

    int line();
  }

  /** A YAML mapping; keys keep their order. */
  record MapValue(Map<String, Value> entries, String source, int line) implements Value {}

  record ListValue(List<Value> items, String source, int line) implements Value {}

  /** A scalar; {@code text} is null for YAML null ({@code ~}, empty). */
  record Scalar(String text, String source, int line) implements Value {}

  static Value parse(String yaml, String source) {
    LoaderOptions options = new LoaderOptions();
    options.setAllowDuplicateKeys(false);
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
    return convert(root, source, Collections.newSetFromMap(new IdentityHashMap<>()));
  }

  /** {@code open}: the collections being converted around this node, so an alias cannot loop forever. */
  private static Value convert(Node node, String source, Set<Node> open) {
    int line = node.getStartMark() == null ? 0 : node.getStartMark().getLine() + 1;
    if ((node instanceof MappingNode || node instanceof SequenceNode) && !open.add(node)) {
      throw new MappingFileException(
          source, line, "an alias (*) refers to a collection that contains it; anchors and aliases may not loop");
    }
    if (node instanceof MappingNode mapping) {
      Map<String, Value> entries = new LinkedHashMap<>();
      for (NodeTuple tuple : mapping.getValue()) {
        if (!(tuple.getKeyNode() instanceof ScalarNode key)) {
          throw new MappingFileException(source, line, "keys must be plain names");
        }
        if (entries.containsKey(key.getValue())) {
          throw new MappingFileException(
              source, key.getStartMark().getLine() + 1, "'" + key.getValue() + "' is given twice");
        }
        entries.put(key.getValue(), convert(tuple.getValueNode(), source, open));
      }
      open.remove(node);
      return new MapValue(entries, source, line);
    }
    if (node instanceof SequenceNode sequence) {
      List<Value> items = new ArrayList<>();
      for (Node item : sequence.getValue()) {
        items.add(convert(item, source, open));
      }
      open.remove(node);
      return new ListValue(items, source, line);
    }
    ScalarNode scalar = (ScalarNode) node;
    boolean isNull = Tag.NULL.equals(scalar.getTag()) && (scalar.getValue().isEmpty() || scalar.getValue().equals("~")
        || scalar.getValue().equalsIgnoreCase("null"));
    return new Scalar(isNull ? null : scalar.getValue(), source, line);
  }
}
