package dev.meshoperator.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * kube-apiserver's audit log, read from a byte offset on: the requests one user issued, counted on
 * the server side, so nothing the client does (or forgets to count) skews them.
 */
public final class AuditLog {

  public static final Set<String> WRITE_VERBS =
      Set.of("create", "update", "patch", "delete", "deletecollection");

  private static final ObjectMapper JSON = new ObjectMapper();

  /**
   * Leader election renews its Lease every few seconds whatever the operator does: background, not
   * the operator's work, so it is left out of every count.
   */
  private static final String LEADER_ELECTION = "leases";

  private final Path file;
  private final String user;

  public AuditLog(Path file, String user) {
    this.file = file;
    this.user = user;
  }

  /** Only requests, once each: no body, no RequestReceived stage. */
  public static String policy(String user) {
    return """
        apiVersion: audit.k8s.io/v1
        kind: Policy
        omitStages: [RequestReceived]
        rules:
        - level: Metadata
          users: ["%s"]
        - level: None
        """
        .formatted(user);
  }

  public long mark() throws IOException {
    return Files.exists(file) ? Files.size(file) : 0;
  }

  /** The user's requests since {@code offset}, by "verb resource[/subresource]". */
  public Map<String, Integer> since(long offset) throws IOException {
    Map<String, Integer> counts = new TreeMap<>();
    for (JsonNode event : events(offset)) {
      JsonNode ref = event.path("objectRef");
      String resource =
          ref.path("resource").asText("-")
              + (ref.hasNonNull("subresource") ? "/" + ref.get("subresource").asText() : "");
      counts.merge(event.path("verb").asText() + " " + resource, 1, Integer::sum);
    }
    return counts;
  }

  /**
   * The user's requests since {@code offset} in the order the API server received them, each as
   * "+ms verb resource name" counted from {@code startMillis} (epoch milliseconds): where the time
   * of an install goes.
   */
  public List<String> timeline(long offset, long startMillis) throws IOException {
    List<String> lines = new ArrayList<>();
    for (JsonNode event : events(offset)) {
      long received =
          java.time.Instant.parse(event.path("requestReceivedTimestamp").asText()).toEpochMilli();
      long completed =
          java.time.Instant.parse(event.path("stageTimestamp").asText()).toEpochMilli();
      JsonNode ref = event.path("objectRef");
      lines.add(
          String.format(
              "+%d..%d ms %s %s %s",
              received - startMillis,
              completed - startMillis,
              event.path("verb").asText(),
              ref.path("resource").asText("-")
                  + (ref.hasNonNull("subresource") ? "/" + ref.get("subresource").asText() : ""),
              ref.path("name").asText("")));
    }
    return lines;
  }

  /**
   * Milliseconds from the first write the user sent to the last one completed, since {@code
   * offset}, counting writes to resources {@code counted} accepts: how long an apply kept the API
   * server busy, apart from the waiting around it.
   */
  public long writeSpanMillis(long offset, java.util.function.Predicate<String> counted)
      throws IOException {
    long first = Long.MAX_VALUE;
    long last = Long.MIN_VALUE;
    for (JsonNode event : events(offset)) {
      JsonNode ref = event.path("objectRef");
      String resource =
          ref.path("resource").asText("-")
              + (ref.hasNonNull("subresource") ? "/" + ref.get("subresource").asText() : "");
      if (WRITE_VERBS.contains(event.path("verb").asText()) && counted.test(resource)) {
        first =
            Math.min(
                first,
                java.time.Instant.parse(event.path("requestReceivedTimestamp").asText())
                    .toEpochMilli());
        last =
            Math.max(
                last,
                java.time.Instant.parse(event.path("stageTimestamp").asText()).toEpochMilli());
      }
    }
    return first == Long.MAX_VALUE ? 0 : last - first;
  }

  /**
   * The objects the user wrote since {@code offset}, each once, as "resource namespace/name" (or
   * "resource name"): dry runs, which store nothing, are left out, and so are resources {@code
   * ignored} accepts.
   */
  public java.util.SortedSet<String> writtenObjects(
      long offset, java.util.function.Predicate<String> ignored) throws IOException {
    java.util.SortedSet<String> objects = new java.util.TreeSet<>();
    for (JsonNode event : events(offset)) {
      JsonNode ref = event.path("objectRef");
      String resource = ref.path("resource").asText("-");
      if (!WRITE_VERBS.contains(event.path("verb").asText())
          || isDryRun(event)
          || ref.hasNonNull("subresource")
          || resource.endsWith("reviews")
          || ignored.test(resource)) {
        continue;
      }
      // A Namespace's audit reference names itself as its namespace.
      String namespace = "namespaces".equals(resource) ? "" : ref.path("namespace").asText("");
      objects.add(
          resource
              + " "
              + (namespace.isEmpty() ? "" : namespace + "/")
              + ref.path("name").asText(""));
    }
    return objects;
  }

  /** How many of the user's requests since {@code offset} were dry runs. */
  public int dryRuns(long offset) throws IOException {
    return (int) events(offset).stream().filter(AuditLog::isDryRun).count();
  }

  private static boolean isDryRun(JsonNode event) {
    return event.path("requestURI").asText("").contains("dryRun=All");
  }

  public static int total(Map<String, Integer> counts) {
    return counts.values().stream().mapToInt(Integer::intValue).sum();
  }

  /** Writes, reviews left out: a SelfSubjectRulesReview is created, but asks and stores nothing. */
  public static int writes(Map<String, Integer> counts) {
    return counts.entrySet().stream()
        .filter(e -> WRITE_VERBS.contains(e.getKey().substring(0, e.getKey().indexOf(' '))))
        .filter(e -> !e.getKey().endsWith("reviews"))
        .mapToInt(Map.Entry::getValue)
        .sum();
  }

  /** Waits until the user has issued no request but watches for {@code quiet} milliseconds. */
  public void awaitQuiet(long quietMillis, long timeoutMillis) throws Exception {
    long deadline = System.currentTimeMillis() + timeoutMillis;
    long offset = mark();
    long lastActivity = System.currentTimeMillis();
    while (System.currentTimeMillis() < deadline) {
      Thread.sleep(250);
      Map<String, Integer> seen = since(offset);
      offset = mark();
      seen.keySet().removeIf(k -> k.startsWith("watch "));
      if (!seen.isEmpty()) {
        lastActivity = System.currentTimeMillis();
      } else if (System.currentTimeMillis() - lastActivity >= quietMillis) {
        return;
      }
    }
    throw new IllegalStateException(
        "the operator did not go quiet within " + timeoutMillis + " ms");
  }

  /**
   * Waits, polling closely, until the user has issued a request ({@code "verb resource"}) that
   * {@code wanted} accepts since {@code offset}: how a test acts at a precise point of the
   * operator's work, as the API server saw it.
   */
  public void awaitRequest(
      long offset, java.util.function.Predicate<String> wanted, long timeoutMillis)
      throws Exception {
    long deadline = System.currentTimeMillis() + timeoutMillis;
    while (System.currentTimeMillis() < deadline) {
      if (since(offset).keySet().stream().anyMatch(wanted)) {
        return;
      }
      Thread.sleep(5);
    }
    throw new IllegalStateException("no such request within " + timeoutMillis + " ms");
  }

  private List<JsonNode> events(long offset) throws IOException {
    List<JsonNode> events = new ArrayList<>();
    if (!Files.exists(file)) {
      return events;
    }
    try (RandomAccessFile in = new RandomAccessFile(file.toFile(), "r")) {
      in.seek(offset);
      byte[] bytes = new byte[(int) (in.length() - offset)];
      in.readFully(bytes);
      String text = new String(bytes, StandardCharsets.UTF_8);
      int complete = text.lastIndexOf('\n');
      for (String line : text.substring(0, complete + 1).split("\n")) {
        if (line.isBlank()) {
          continue;
        }
        JsonNode event = JSON.readTree(line);
        if (user.equals(event.path("user").path("username").asText())
            && !LEADER_ELECTION.equals(event.path("objectRef").path("resource").asText())) {
          events.add(event);
        }
      }
    }
    return events;
  }
}
