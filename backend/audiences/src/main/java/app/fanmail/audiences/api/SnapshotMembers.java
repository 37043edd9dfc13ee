package app.fanmail.audiences.api;

/**
 * The reachable members of a snapshot in seq order, as parallel arrays (one read, nothing per member but its position
 * and openid): {@code missingValue[i]} when one of the required columns is blank for member {@code i}.
 */
public record SnapshotMembers(long[] seqs, String[] openids, boolean[] missingValue) {
    public SnapshotMembers {
        if (seqs.length != openids.length || seqs.length != missingValue.length) {
            throw new IllegalArgumentException("the arrays differ in length");
        }
    }

    public int size() {
        return seqs.length;
    }
}
