package io.junction.plugins.advanced;

/** The 64-bit hashes the consistent-hash tables and keys share; stable across runs and JVMs. */
final class Hashing {

    private Hashing() {
    }

    /** FNV-1a over the UTF-16 units, finished with {@link #mix}: no allocation, all bits well spread. */
    static long of(CharSequence text) {
        long hash = 0xcbf29ce484222325L;
        for (int i = 0; i < text.length(); i++) {
            hash = (hash ^ text.charAt(i)) * 0x100000001b3L;
        }
        return mix(hash);
    }

    /** SplitMix64's finaliser: a bijection in which every input bit flips every output bit with chance 1/2. */
    static long mix(long value) {
        long z = value;
        z = (z ^ (z >>> 30)) * 0xbf58476d1ce4e5b9L;
        z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL;
        return z ^ (z >>> 31);
    }

    /** A double uniform in the open interval (0, 1) from a hash. */
    static double unit(long hash) {
        return ((hash >>> 11) + 0.5) * 0x1.0p-53;
    }
}
