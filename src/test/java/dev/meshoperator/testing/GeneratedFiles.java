package dev.meshoperator.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Compares a generated artifact with its committed copy. Run the tests with {@code
 * -Dmesh.update-generated=true} to rewrite the committed copies instead.
 */
public final class GeneratedFiles {

  public static final boolean UPDATE = Boolean.getBoolean("mesh.update-generated");

  private GeneratedFiles() {}

  public static void assertCommitted(Path committed, String generated) throws IOException {
    if (UPDATE) {
      Files.createDirectories(committed.getParent());
      Files.writeString(committed, generated);
      return;
    }
    assertThat(committed)
        .as("%s is stale: regenerate it with ./mvnw test -Dmesh.update-generated=true", committed)
        .exists();
    assertThat(Files.readString(committed))
        .as("%s is stale: regenerate it with ./mvnw test -Dmesh.update-generated=true", committed)
        .isEqualTo(generated);
  }
}
