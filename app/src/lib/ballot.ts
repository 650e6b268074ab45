// One epoch's ballot of the keeper quorum, as the explorer shows it (the indexer's `ballot`
// and root fields of `/v1/epochs`).

export interface BallotVote {
  slot: number;
  root: string;
  leaf_count: number;
  observations: number;
  changes: number;
  time: number;
}

export interface Ballot {
  electorate: number;
  quorum: number;
  opened_at: number;
  observe_until: number;
  commits: { slot: number; observation_hash: string; time: number }[];
  votes: BallotVote[];
  closed_at?: number | null;
}

export interface EpochBallotFields {
  root?: string | null;
  leaf_count?: number | null;
  root_by_admin?: boolean | null;
  root_finalized_at?: number | null;
  ballot?: Ballot | null;
}

const keepers = (mask: number) => {
  let count = 0;
  for (let m = mask; m; m &= m - 1) count++;
  return count;
};

/** "2 of 3 keepers for root 1a2b…9f0e", or how far an open ballot got; "–" with none. */
export function ballotSummary(row: EpochBallotFields): string {
  const ballot = row.ballot;
  if (!ballot && !row.root) return "–";
  const electorate = ballot ? keepers(ballot.electorate) : 0;
  const votes = ballot?.votes ?? [];
  if (row.root) {
    const short = `${row.root.slice(0, 4)}…${row.root.slice(-4)}`;
    const behind = votes.filter((v) => v.root === row.root).length;
    const by = row.root_by_admin ? " (stalled: finalized by the admin)" : "";
    return `${behind} of ${electorate} keepers for root ${short}${by}`;
  }
  return `open: ${ballot?.commits.length ?? 0} of ${electorate} committed, ${votes.length} voted (quorum ${ballot?.quorum ?? 0})`;
}
