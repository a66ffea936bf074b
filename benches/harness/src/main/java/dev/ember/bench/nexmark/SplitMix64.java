package dev.ember.bench.nexmark;

/**
 * A re-seedable SplitMix64 generator. Nexmark draws from one sequential {@code SplittableRandom} per generator;
 * here every event re-seeds from {@code (seed, event id)} instead, so event {@code n} is the same no matter how
 * the id range is split over source subtasks (parallelism) and in which run (stock or Ember) it is produced.
 * Re-seeding a mutable instance costs no allocation per event.
 */
final class SplitMix64 {

    private static final long GOLDEN_GAMMA = 0x9e3779b97f4a7c15L;

    private long state;

    SplitMix64(long seed) {
        this.state = seed;
    }

    /** Positions the stream at the start of event {@code eventId} under {@code seed}. */
    void reseed(long seed, long eventId) {
        state = mix(seed ^ mix(eventId * GOLDEN_GAMMA + 0x632be59bd9b4e019L));
    }

    long nextLong() {
        return mix(state += GOLDEN_GAMMA);
    }

    /** Uniform in {@code [0, bound)}; the multiply-shift bias (below 2^-32) does not matter for test data. */
    int nextInt(int bound) {
        return (int) (((nextLong() >>> 32) * bound) >>> 32);
    }

    /** Uniform in {@code [0, bound)} for bounds beyond int range too. */
    long nextLong(long bound) {
        return bound <= Integer.MAX_VALUE ? nextInt((int) bound) : Math.floorMod(nextLong(), bound);
    }

    double nextDouble() {
        return (nextLong() >>> 11) * 0x1.0p-53;
    }

    private static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xbf58476d1ce4e5b9L;
        z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL;
        return z ^ (z >>> 31);
    }
}
