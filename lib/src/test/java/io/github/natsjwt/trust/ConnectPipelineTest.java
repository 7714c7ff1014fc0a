package io.github.natsjwt.trust;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ConnectPipelineTest {
  /**
   * The order of spec trust-chain.md section 3.3, written from the spec: steps 1-18 with the
   * version rows of section 9 (step 3 from 2.12, step 5 on 2.9 only, step 11 from 2.10.19, step 21
   * from 2.10), step 21 reported before the step-19 disconnect, and the zero subscription limit of
   * section 3.7 last. Step 9 has no stage (a verifier's trust does not change).
   */
  private static final List<String> LATEST =
      List.of(
          "3.3 step 1",
          "3.3 step 2",
          "3.3 step 3",
          "3.3 step 4",
          "3.3 steps 6-7",
          "3.3 step 8",
          "3.3 step 10",
          "3.3 step 10, 4",
          "3.3 step 11",
          "3.3 step 12",
          "3.3 step 13",
          "3.3 step 14",
          "3.3 step 15",
          "3.3 step 16",
          "3.3 step 17",
          "3.3 step 18",
          "3.3 step 21",
          "3.3 step 19",
          "3.3 step 18, 3.7");

  private static final List<String> V2_10 = without(LATEST, "3.3 step 3");

  private static final List<String> V2_9 = v29();

  private static List<String> without(List<String> steps, String... left) {
    List<String> out = new ArrayList<>(steps);
    out.removeAll(List.of(left));
    return List.copyOf(out);
  }

  private static List<String> v29() {
    List<String> out = new ArrayList<>(without(LATEST, "3.3 step 3", "3.3 step 11", "3.3 step 21"));
    out.add(out.indexOf("3.3 step 4") + 1, "3.3 step 5");
    return List.copyOf(out);
  }

  private static List<String> sections(ServerProfile p) {
    List<String> out = new ArrayList<>();
    for (ConnectPipeline.Stage s : ConnectPipeline.stagesOf(p)) {
      out.add(s.section());
    }
    return out;
  }

  @Test
  void stagesOf_eachProfile_followSpecOrder() {
    assertEquals(V2_9, sections(ServerProfile.V2_9));
    assertEquals(V2_10, sections(ServerProfile.V2_10));
    assertEquals(LATEST, sections(ServerProfile.LATEST));
  }

  @Test
  void stages_connectRules_eachDeclaredByAStage() {
    // The user rules of Rule, USER_JWT_MISSING to MAX_SUBSCRIPTIONS_ZERO (section 3.3); the import
    // rules (section 6) belong to no stage.
    Set<Rule> connect = EnumSet.range(Rule.USER_JWT_MISSING, Rule.MAX_SUBSCRIPTIONS_ZERO);
    Set<Rule> declared = EnumSet.noneOf(Rule.class);
    for (ConnectPipeline.Stage s : ConnectPipeline.Stage.values()) {
      assertTrue(!s.rules().isEmpty(), s + " declares no rule");
      declared.addAll(s.rules());
    }
    assertEquals(connect, declared);
  }

  @Test
  void stages_whereRulesRepeat_onlyTheDocumentedOnes() {
    // USER_EXPIRED at step 4 and 19, ACCOUNT_EXPIRED at 8 and 12, connection types at 5 or 11.
    Set<Rule> seen = EnumSet.noneOf(Rule.class);
    Set<Rule> twice = EnumSet.noneOf(Rule.class);
    for (ConnectPipeline.Stage s : ConnectPipeline.Stage.values()) {
      for (Rule r : s.rules()) {
        if (!seen.add(r)) {
          twice.add(r);
        }
      }
    }
    assertEquals(
        EnumSet.of(Rule.USER_EXPIRED, Rule.ACCOUNT_EXPIRED, Rule.CONNECTION_TYPE_NOT_ALLOWED),
        twice);
  }
}
