package io.ledgerbridge.worker.cli;

import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/** An int option's value in the CLI's words ("'many' is not a whole number"), rather than picocli's "is not an int". */
final class WholeNumber implements ITypeConverter<Integer> {
  @Override
  public Integer convert(String given) {
    try {
      return Integer.parseInt(given.trim());
    } catch (NumberFormatException notNumber) {
      throw new TypeConversionException("'" + given + "' is not a whole number");
    }
  }
}
