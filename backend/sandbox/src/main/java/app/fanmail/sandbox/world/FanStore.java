package app.fanmail.sandbox.world;

import java.time.YearMonth;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * The fans and tags of one account in compact form: a fan is an index; openids are computed
 * ({@link OpenIdCodec}); per-fan state lives in bit sets and primitive arrays; a tag is a bit set of members.
 * A million fans cost a few megabytes. Not thread-safe: used under the account lock.
 */
final class FanStore {

    static final int PAGE = 10_000;
    static final int STAR_TAG = 2;
    static final String[] SCENES = {"ADD_SCENE_SEARCH", "ADD_SCENE_ACCOUNT_MIGRATION", "ADD_SCENE_PROFILE_CARD",
            "ADD_SCENE_QR_CODE", "ADD_SCENE_PROFILE_LINK", "ADD_SCENE_PROFILE_ITEM", "ADD_SCENE_PAID",
            "ADD_SCENE_WECHAT_ADVERTISEMENT", "ADD_SCENE_REPRINT", "ADD_SCENE_LIVESTREAM", "ADD_SCENE_CHANNELS",
            "ADD_SCENE_OTHERS"};
    static final int SCENE_QR = 3;

    static final class Tag {
        final int id;
        String name;
        final BitSet members = new BitSet();

        Tag(int id, String name) {
            this.id = id;
            this.name = name;
        }
    }

    record TagShare(String name, double share) {
    }

    private final String appId;
    private OpenIdCodec codec;
    private long seed;
    private int size;
    private final BitSet subscribed = new BitSet();
    private int subscribedCount;
    private int[] subscribeTime = new int[16];
    private byte[] scene = new byte[16];
    private final BitSet refusing = new BitSet();
    private final Map<String, Integer> customIndex = new HashMap<>();
    private final Map<Integer, String> customOpenid = new HashMap<>();
    private final Map<Integer, String> qrScene = new HashMap<>();
    private final Map<Integer, String> remarks = new HashMap<>();
    private byte[] massCount = new byte[16];
    private YearMonth massMonth;
    private final LinkedHashMap<Integer, Tag> tags = new LinkedHashMap<>();
    private int nextTagId = 100;

    FanStore(String appId) {
        this.appId = appId;
        this.codec = new OpenIdCodec(appId, 0);
        tags.put(STAR_TAG, new Tag(STAR_TAG, "星标组"));
    }

    // ---------------------------------------------------------------- fans

    int size() {
        return size;
    }

    int subscribedCount() {
        return subscribedCount;
    }

    /** The openid WeChat shows as FromUserName of account-level events (never a fan index). */
    String operatorOpenid() {
        return codec.encode(Integer.MAX_VALUE);
    }

    String openid(int index) {
        String custom = customOpenid.get(index);
        return custom != null ? custom : codec.encode(index);
    }

    /** The fan's index, or -1 for an openid that is not this account's. */
    int find(String openid) {
        if (openid == null) {
            return -1;
        }
        Integer custom = customIndex.get(openid);
        if (custom != null) {
            return custom;
        }
        int idx = codec.decode(openid);
        return idx >= 0 && idx < size && !customOpenid.containsKey(idx) ? idx : -1;
    }

    int require(String openid) {
        int idx = find(openid);
        if (idx < 0) {
            throw Err.invalidOpenid();
        }
        return idx;
    }

    boolean isSubscribed(int fan) {
        return subscribed.get(fan);
    }

    boolean isRefusing(int fan) {
        return refusing.get(fan);
    }

    void setRefusing(int fan, boolean value) {
        refusing.set(fan, value);
    }

    BitSet subscribedView() {
        return subscribed;
    }

    BitSet refusingView() {
        return refusing;
    }

    long subscribeTime(int fan) {
        return subscribeTime[fan] & 0xFFFFFFFFL;
    }

    String scene(int fan) {
        return SCENES[scene[fan]];
    }

    String qrScene(int fan) {
        return qrScene.get(fan);
    }

    /** A new follower (or a returning one when {@code openid} is known). Returns the index. */
    int follow(String openid, long nowSeconds, int sceneIndex, String qrSceneStr) {
        int idx = openid == null ? -1 : find(openid);
        if (idx < 0) {
            idx = size;
            grow(size + 1);
            size++;
            if (openid != null) {
                customIndex.put(openid, idx);
                customOpenid.put(idx, openid);
            }
        }
        if (!subscribed.get(idx)) {
            subscribed.set(idx);
            subscribedCount++;
        }
        subscribeTime[idx] = (int) nowSeconds;
        scene[idx] = (byte) sceneIndex;
        if (qrSceneStr != null) {
            qrScene.put(idx, qrSceneStr);
        }
        return idx;
    }

    void unfollow(int fan) {
        if (subscribed.get(fan)) {
            subscribed.clear(fan);
            subscribedCount--;
        }
    }

    /**
     * Replaces every fan with {@code count} deterministic followers; tags are created by name when missing and
     * each fan joins each tag with probability {@code share}. Existing tags lose their members.
     */
    void seed(int count, long seedValue, List<TagShare> shares, long nowSeconds) {
        if (count < 0) {
            throw new IllegalArgumentException("count must be >= 0");
        }
        this.seed = seedValue;
        this.codec = new OpenIdCodec(appId, seedValue);
        customIndex.clear();
        customOpenid.clear();
        qrScene.clear();
        remarks.clear();
        refusing.clear();
        subscribed.clear();
        size = 0;
        subscribeTime = new int[Math.max(16, count)];
        scene = new byte[Math.max(16, count)];
        massCount = new byte[Math.max(16, count)];
        massMonth = null;
        size = count;
        subscribed.set(0, count);
        subscribedCount = count;
        SplittableRandom random = new SplittableRandom(seedValue);
        long span = 3L * 365 * 24 * 3600;
        long start = nowSeconds - span;
        double step = count == 0 ? 0 : (double) span / count;
        for (int i = 0; i < count; i++) {
            subscribeTime[i] = (int) (start + (long) (i * step));
            int r = random.nextInt(100);
            scene[i] = (byte) (r < 40 ? 0 : r < 70 ? SCENE_QR : r < 80 ? 2 : r < 88 ? 4 : r < 94 ? 7 : 11);
        }
        for (Tag tag : tags.values()) {
            tag.members.clear();
        }
        int salt = 0;
        for (TagShare share : shares) {
            Tag tag = tagByName(share.name());
            if (tag == null) {
                tag = createTag(share.name());
            }
            SplittableRandom r = new SplittableRandom(seedValue * 31 + (++salt));
            double p = Math.max(0, Math.min(1, share.share()));
            if (p >= 1) {
                tag.members.set(0, count);
            } else if (p > 0) {
                for (int i = 0; i < count; i++) {
                    if (r.nextDouble() < p) {
                        tag.members.set(i);
                    }
                }
            }
        }
    }

    long seed() {
        return seed;
    }

    private void grow(int min) {
        if (subscribeTime.length < min) {
            int n = Math.max(min, subscribeTime.length * 2);
            subscribeTime = Arrays.copyOf(subscribeTime, n);
            scene = Arrays.copyOf(scene, n);
            massCount = Arrays.copyOf(massCount, n);
        }
    }

    /** Up to {@code max} indices set in {@code set}, starting at {@code from}. */
    static int[] page(BitSet set, int from, int max) {
        int[] out = new int[max];
        int n = 0;
        for (int i = set.nextSetBit(Math.max(0, from)); i >= 0 && n < max; i = set.nextSetBit(i + 1)) {
            out[n++] = i;
        }
        return Arrays.copyOf(out, n);
    }

    // ------------------------------------------------------- mass monthly cap

    int massCount(int fan, YearMonth month) {
        rollMassMonth(month);
        return massCount[fan];
    }

    void addMass(int fan, YearMonth month, int delta) {
        rollMassMonth(month);
        massCount[fan] = (byte) Math.max(0, Math.min(127, massCount[fan] + delta));
    }

    private void rollMassMonth(YearMonth month) {
        if (!month.equals(massMonth)) {
            Arrays.fill(massCount, (byte) 0);
            massMonth = month;
        }
    }

    // ---------------------------------------------------------------- tags

    Tag tag(int id) {
        return tags.get(id);
    }

    Tag tagByName(String name) {
        for (Tag t : tags.values()) {
            if (t.name.equals(name)) {
                return t;
            }
        }
        return null;
    }

    List<Tag> tags() {
        return new ArrayList<>(tags.values());
    }

    int userTagCount() {
        return (int) tags.keySet().stream().filter(id -> id >= 100).count();
    }

    Tag createTag(String name) {
        validateTagName(name, null);
        if (userTagCount() >= 100) {
            throw Err.tooManyTags();
        }
        Tag tag = new Tag(nextTagId++, name);
        tags.put(tag.id, tag);
        return tag;
    }

    void renameTag(int id, String name) {
        if (id >= 0 && id <= 2) {
            throw Err.reservedTag();
        }
        Tag tag = tags.get(id);
        if (tag == null) {
            throw Err.invalidTagId();
        }
        validateTagName(name, tag);
        tag.name = name;
    }

    void deleteTag(int id) {
        if (id >= 0 && id <= 2) {
            throw Err.reservedTag();
        }
        Tag tag = tags.get(id);
        if (tag == null) {
            throw Err.invalidTagId();
        }
        if (tagCount(tag) > 100_000) {
            throw Err.tagHasTooManyFans();
        }
        tags.remove(id);
    }

    /** The operator's remark for a fan ("" when none). */
    String remark(int idx) {
        return remarks.getOrDefault(idx, "");
    }

    void remark(int idx, String remark) {
        if (remark.isEmpty()) {
            remarks.remove(idx);
        } else {
            remarks.put(idx, remark);
        }
    }

    private void validateTagName(String name, Tag self) {
        if (name == null || name.isBlank()) {
            throw Err.invalidTagName();
        }
        if (name.getBytes(java.nio.charset.StandardCharsets.UTF_8).length > 30) { // WeChat counts UTF-8 bytes
            throw Err.tagNameTooLong();
        }
        Tag existing = tagByName(name);
        if (existing != null && existing != self) {
            throw Err.invalidTagName();
        }
    }

    /** Subscribed members of the tag. */
    int tagCount(Tag tag) {
        BitSet b = (BitSet) tag.members.clone();
        b.and(subscribed);
        return b.cardinality();
    }

    int[] tagsOf(int fan) {
        return tags.values().stream().filter(t -> t.members.get(fan)).mapToInt(t -> t.id).toArray();
    }

    /** All-or-nothing: 45059 if any fan would carry more than {@code maxPerFan} tags. */
    void tagFans(int tagId, int[] fans, int maxPerFan) {
        Tag tag = requireTaggable(tagId);
        for (int fan : fans) {
            if (!tag.members.get(fan) && tagsOf(fan).length >= maxPerFan) {
                throw Err.fanHasTooManyTags();
            }
        }
        for (int fan : fans) {
            tag.members.set(fan);
        }
    }

    void untagFans(int tagId, int[] fans) {
        Tag tag = requireTaggable(tagId);
        for (int fan : fans) {
            tag.members.clear(fan);
        }
    }

    private Tag requireTaggable(int tagId) {
        Tag tag = tags.get(tagId);
        if (tag == null || tagId < 2) {
            throw Err.invalidTagId();
        }
        return tag;
    }
}
