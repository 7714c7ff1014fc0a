package io.github.natsjwt.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class InputsTest {
  @TempDir Path dir;

  @Test
  void readSmall_stdinOfExactlyTheLimit_reads() {
    byte[] data = new byte[Inputs.MAX_SMALL_FILE_BYTES];

    assertArrayEquals(data, Inputs.readSmall("-", "key file", new ByteArrayInputStream(data)));
  }

  @Test
  void readSmall_stdinOverTheLimit_refuses() {
    byte[] data = new byte[Inputs.MAX_SMALL_FILE_BYTES + 1];

    InputException e =
        assertThrows(
            InputException.class,
            () -> Inputs.readSmall("-", "key file", new ByteArrayInputStream(data)));

    assertTrue(e.getMessage().startsWith("standard input is larger than 64 KiB"), e::getMessage);
  }

  @Test
  void readSmall_fileOverTheLimit_refuses() throws IOException {
    Path big = Files.write(dir.resolve("big"), new byte[Inputs.MAX_SMALL_FILE_BYTES + 1]);

    InputException e =
        assertThrows(
            InputException.class,
            () ->
                Inputs.readSmall(
                    big.toString(), "key file", new ByteArrayInputStream(new byte[0])));

    assertTrue(e.getMessage().contains("is larger than"), e::getMessage);
  }

  @Test
  void readAll_directory_saysSo() {
    InputException e =
        assertThrows(
            InputException.class,
            () ->
                Inputs.readAll(dir.toString(), "data file", new ByteArrayInputStream(new byte[0])));

    assertEquals("cannot read data file '" + dir + "': it is a directory", e.getMessage());
  }

  @Test
  void decodeBase64_bothAlphabetsWithAndWithoutPadding_decode() {
    byte[] expected = {(byte) 0xfb, (byte) 0xff};

    assertArrayEquals(expected, Inputs.decodeBase64("-_8").orElseThrow());
    assertArrayEquals(expected, Inputs.decodeBase64("-_8=").orElseThrow());
    assertArrayEquals(expected, Inputs.decodeBase64("+/8=").orElseThrow());
    assertTrue(Inputs.decodeBase64("not base64!").isEmpty());
  }
}
