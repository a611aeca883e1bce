package io.rollwright.cli;

import com.fasterxml.jackson.core.SerializableString;
import com.fasterxml.jackson.core.io.CharacterEscapes;
import com.fasterxml.jackson.core.io.SerializedString;
import io.rollwright.text.ControlCharacters;

/**
 * JSON escapes for {@code --output json}: beside the controls JSON itself escapes, DEL, the C1
 * controls, the Unicode line separators and the bidi overrides are written as {@code \}{@code
 * uXXXX}, so a caller's value cannot act on the terminal or the CI log even as JSON. The output
 * stays valid JSON with the same values.
 */
final class TerminalJson extends CharacterEscapes {
  private final int[] ascii = standardAsciiEscapesForJSON();

  TerminalJson() {
    ascii[0x7f] = ESCAPE_STANDARD;
  }

  @Override
  public int[] getEscapeCodesForAscii() {
    return ascii;
  }

  @Override
  public SerializableString getEscapeSequence(int ch) {
    return ControlCharacters.escaped(ch)
        ? new SerializedString(String.format("\\u%04x", ch))
        : null;
  }
}
