package io.strata.local;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * The {@code bash} blocks of a README section and the answers they show. A comment right after a
 * command (no blank line between) is an answer the command prints: {@code …} stands for any text on
 * the line, and a comment line starting with {@code #}, two spaces, continues the answer above
 * where the README wrapped it (at a space or between JSON tokens). Comments after a blank line or
 * at the start of a block explain what follows; they are no answers.
 */
final class ReadmeBlocks {

  private static final String FENCE_OPEN = "```bash";
  private static final String FENCE_CLOSE = "```";
  private static final char JOIN = '\u0000';

  private ReadmeBlocks() {}

  /** One block: its script and the answers it shows, in order. */
  record Block(String script, List<String> answers) {

    /** The answers as patterns to find in the block's output, in order. */
    List<Pattern> patterns() {
      return answers.stream().map(ReadmeBlocks::pattern).toList();
    }

    /** Answers as the README shows them, for failure messages. */
    List<String> shown() {
      return answers.stream().map(a -> a.replace(JOIN, '⏎')).toList();
    }
  }

  /** The blocks between the heading {@code from} and the next heading {@code to}. */
  static List<Block> between(String markdown, String from, String to) {
    int start = markdown.indexOf("\n" + from + "\n");
    int end = markdown.indexOf("\n" + to + "\n", start + 1);
    if (start < 0 || end < 0) {
      throw new IllegalArgumentException("The README has no section from " + from + " to " + to);
    }
    List<Block> blocks = new ArrayList<>();
    List<String> lines = markdown.substring(start, end).lines().toList();
    for (int i = 0; i < lines.size(); i++) {
      if (lines.get(i).equals(FENCE_OPEN)) {
        int close = i + 1;
        while (!lines.get(close).equals(FENCE_CLOSE)) {
          close++;
        }
        blocks.add(block(lines.subList(i + 1, close)));
        i = close;
      }
    }
    return blocks;
  }

  private static Block block(List<String> lines) {
    List<String> answers = new ArrayList<>();
    boolean afterCommand = false;
    boolean inAnswer = false;
    for (String line : lines) {
      boolean comment = line.startsWith("#");
      if (comment && inAnswer && line.startsWith("#  ")) {
        answers.set(answers.size() - 1, answers.get(answers.size() - 1) + JOIN + line.substring(3));
      } else if (comment && (afterCommand || inAnswer)) {
        answers.add(line.startsWith("# ") ? line.substring(2) : line.substring(1));
        inAnswer = true;
      } else {
        inAnswer = false;
      }
      afterCommand = !comment && !line.isBlank();
    }
    return new Block(String.join("\n", lines) + "\n", List.copyOf(answers));
  }

  /**
   * {@code …} matches any text within a line; a wrapped line's join, one space or none. An answer
   * that does not start (end) with {@code …} starts (ends) its line, give or take indentation.
   */
  static Pattern pattern(String answer) {
    List<String> wrapped = List.of(answer.split(String.valueOf(JOIN), -1));
    String text =
        wrapped.stream()
            .map(
                part ->
                    List.of(part.split("…", -1)).stream()
                        .map(Pattern::quote)
                        .collect(Collectors.joining("[^\\n]*?")))
            .collect(Collectors.joining("\\s?"));
    String start = answer.startsWith("…") ? "" : "^[ \\t]*";
    String end = answer.endsWith("…") ? "" : "[ \\t]*$";
    return Pattern.compile(start + text + end, Pattern.MULTILINE);
  }
}
