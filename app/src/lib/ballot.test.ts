import { describe, expect, it } from "vitest";
import { ballotSummary } from "./ballot";

const ballot = {
  electorate: 0b111,
  quorum: 2,
  opened_at: 1,
  observe_until: 601,
  commits: [
    { slot: 0, observation_hash: "aa", time: 2 },
    { slot: 2, observation_hash: "bb", time: 3 },
  ],
  votes: [
    { slot: 0, root: "1a2b" + "00".repeat(28) + "9f0e", leaf_count: 3, observations: 0b101, changes: 0, time: 700 },
    { slot: 2, root: "ffff" + "00".repeat(28) + "ffff", leaf_count: 3, observations: 0b101, changes: 1, time: 701 },
  ],
};

describe("ballotSummary", () => {
  it("says nothing without a ballot", () => {
    expect(ballotSummary({})).toBe("–");
  });
  it("counts the keepers behind the final root", () => {
    expect(ballotSummary({ root: ballot.votes[0].root, ballot })).toBe("1 of 3 keepers for root 1a2b…9f0e");
    expect(ballotSummary({ root: ballot.votes[0].root, root_by_admin: true, ballot })).toContain("finalized by the admin");
  });
  it("shows how far an open ballot got", () => {
    expect(ballotSummary({ ballot })).toBe("open: 2 of 3 committed, 2 voted (quorum 2)");
  });
});
