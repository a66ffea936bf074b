package dev.ember.bench.nexmark;

import java.io.Serializable;

/**
 * What the 'nexmark' connector's options set. Everything else is fixed at Nexmark's defaults
 * ({@code NexmarkConfiguration}): hot auction ratio 2, hot seller/bidder ratio 4, 100 auctions in flight, 1000
 * active people, average event sizes 200/500/100 bytes.
 */
public final class NexmarkConfig implements Serializable {

    private static final long serialVersionUID = 1L;

    /** Event time of event 0. Fixed (Nexmark uses wall-clock time) so two runs see identical rows. */
    public static final long BASE_TIME_MILLIS = 1_767_225_600_000L; // 2026-01-01T00:00:00Z

    public final long events;
    public final long seed;
    /** Events per second of event time: spaces the event timestamps; the source always emits at full speed. */
    public final long eventRate;
    public final int personProportion;
    public final int auctionProportion;
    public final int bidProportion;

    public NexmarkConfig(long events, long seed, long eventRate, int person, int auction, int bid) {
        if (events < 0 || eventRate <= 0 || person <= 0 || auction <= 0 || bid <= 0) {
            throw new IllegalArgumentException("nexmark: events.num >= 0, first-event.rate > 0 and all proportions"
                    + " > 0 required, got " + events + ", " + eventRate + ", " + person + "/" + auction + "/" + bid);
        }
        this.events = events;
        this.seed = seed;
        this.eventRate = eventRate;
        this.personProportion = person;
        this.auctionProportion = auction;
        this.bidProportion = bid;
    }

    public int totalProportion() {
        return personProportion + auctionProportion + bidProportion;
    }

    /** Event time of event {@code n}: evenly spaced at {@link #eventRate}, as Nexmark's timestampForEvent. */
    public long timestampForEvent(long n) {
        return BASE_TIME_MILLIS + (long) (n * (1_000_000.0 / eventRate)) / 1000L;
    }
}
