package dev.ember.bench.nexmark;

import org.apache.flink.api.connector.source.SourceReaderContext;
import org.apache.flink.connector.datagen.source.GeneratorFunction;
import org.apache.flink.core.memory.MemorySegment;
import org.apache.flink.core.memory.MemorySegmentFactory;
import org.apache.flink.table.data.GenericRowData;
import org.apache.flink.table.data.RowData;
import org.apache.flink.table.data.StringData;
import org.apache.flink.table.data.TimestampData;
import org.apache.flink.table.data.binary.BinaryStringData;

import java.nio.charset.StandardCharsets;

/**
 * Turns an event number into one Nexmark event row ({@link NexmarkSchema#PHYSICAL}) with the value distributions
 * of nexmark's generator ({@code nexmark-flink/.../generator}): the 1:3:46 person/auction/bid mix by event id,
 * ids that follow the "last person/auction so far" bookkeeping with hot sellers, bidders and auctions, log-uniform
 * prices between 1 and 1,000,000 dollars (in cents), half of the bids on the four hot channels
 * Google/Facebook/Baidu/Apple and the rest on one of 10,000 {@code channel-<n>} channels whose URLs carry
 * {@code &channel_id=<n>} nine times in ten, and {@code extra} padding to the average event sizes.
 *
 * <p>Written from the description of nexmark's generator, not copied. Deliberate differences: values are a pure
 * function of (seed, event number) so stock and Ember runs, at any parallelism, see the same rows; event time
 * starts at a fixed instant; the bidder id gets the person-id offset once (nexmark adds it twice); strings are
 * built directly as {@link BinaryStringData} (the padding as zero-copy slices of one shared 1 MiB block), which
 * keeps the source cheap so the Calc under test is a larger share of the job. The source's cost is the same in
 * both modes either way.
 */
public final class NexmarkEventGenerator implements GeneratorFunction<Long, RowData> {

    private static final long serialVersionUID = 1L;

    // Nexmark's fixed generator constants.
    private static final long FIRST_PERSON_ID = 1000L;
    private static final long FIRST_AUCTION_ID = 1000L;
    private static final long FIRST_CATEGORY_ID = 10L;
    private static final int NUM_CATEGORIES = 5;
    private static final int HOT_AUCTION_RATIO = 2;
    private static final int HOT_SELLERS_RATIO = 4;
    private static final int HOT_BIDDERS_RATIO = 4;
    private static final int HOT_GROUP = 100; // hot ids are the first of each group of 100
    private static final int NUM_IN_FLIGHT_AUCTIONS = 100;
    private static final int NUM_ACTIVE_PEOPLE = 1000;
    private static final int ID_LEAD = 10;
    private static final int AVG_PERSON_BYTES = 200;
    private static final int AVG_AUCTION_BYTES = 500;
    private static final int AVG_BID_BYTES = 100;
    private static final int HOT_CHANNELS_RATIO = 2;
    private static final int CHANNELS = 10_000;
    private static final String[] HOT_CHANNELS = {"Google", "Facebook", "Baidu", "Apple"};
    private static final String[] STATES = {"AZ", "CA", "ID", "OR", "WA", "WY"};
    private static final String[] CITIES = {
        "Phoenix", "Los Angeles", "San Francisco", "Boise", "Portland", "Bend", "Redmond", "Seattle", "Kent",
        "Cheyenne"
    };
    private static final String[] FIRST_NAMES = {
        "Peter", "Paul", "Luke", "John", "Saul", "Vicky", "Kate", "Julie", "Sarah", "Deiter", "Walter"
    };
    private static final String[] LAST_NAMES = {
        "Shultz", "Abrams", "Spencer", "White", "Bartels", "Walton", "Smith", "Jones", "Noris"
    };
    private static final int EXTRA_BLOCK_BYTES = 1 << 20;

    private final NexmarkConfig config;

    // Per reader (built in open(), from the seed): immutable string values that rows share.
    private transient SplitMix64 random;
    private transient StringData[] hotChannels;
    private transient StringData[] hotUrls;
    private transient StringData[] channels;
    private transient StringData[] channelUrls;
    private transient StringData[] states;
    private transient StringData[] cities;
    private transient MemorySegment[] extraBlock;

    public NexmarkEventGenerator(NexmarkConfig config) {
        this.config = config;
    }

    @Override
    public void open(SourceReaderContext readerContext) {
        init();
    }

    /** Builds the lookup tables; separate from {@link #open} so tests can use the generator without a reader. */
    void init() {
        // The tables depend only on the seed (nexmark draws them from an unseeded static random).
        SplitMix64 tables = new SplitMix64(config.seed);
        tables.reseed(config.seed, -1);
        hotChannels = new StringData[HOT_CHANNELS.length];
        hotUrls = new StringData[HOT_CHANNELS.length];
        for (int i = 0; i < HOT_CHANNELS.length; i++) {
            hotChannels[i] = utf8(HOT_CHANNELS[i]);
            hotUrls[i] = utf8(baseUrl(tables));
        }
        channels = new StringData[CHANNELS];
        channelUrls = new StringData[CHANNELS];
        for (int i = 0; i < CHANNELS; i++) {
            String url = baseUrl(tables);
            if (tables.nextInt(10) > 0) {
                url = url + "&channel_id=" + Math.abs(Integer.reverse(i));
            }
            channels[i] = utf8("channel-" + i);
            channelUrls[i] = utf8(url);
        }
        states = new StringData[STATES.length];
        for (int i = 0; i < STATES.length; i++) {
            states[i] = utf8(STATES[i]);
        }
        cities = new StringData[CITIES.length];
        for (int i = 0; i < CITIES.length; i++) {
            cities[i] = utf8(CITIES[i]);
        }
        byte[] block = new byte[EXTRA_BLOCK_BYTES];
        for (int i = 0; i < block.length; i++) {
            block[i] = (byte) ('a' + tables.nextInt(26));
        }
        extraBlock = new MemorySegment[] {MemorySegmentFactory.wrap(block)};
        random = new SplitMix64(config.seed);
    }

    @Override
    public RowData map(Long eventNumber) {
        long eventId = eventNumber;
        random.reseed(config.seed, eventId);
        TimestampData timestamp = TimestampData.fromEpochMillis(config.timestampForEvent(eventId));
        long rem = eventId % config.totalProportion();
        GenericRowData event = new GenericRowData(4);
        if (rem < config.personProportion) {
            event.setField(0, NexmarkSchema.PERSON);
            event.setField(1, person(eventId, timestamp));
        } else if (rem < config.personProportion + config.auctionProportion) {
            event.setField(0, NexmarkSchema.AUCTION);
            event.setField(2, auction(eventId, timestamp));
        } else {
            event.setField(0, NexmarkSchema.BID);
            event.setField(3, bid(eventId, timestamp));
        }
        return event;
    }

    private GenericRowData person(long eventId, TimestampData timestamp) {
        String name = FIRST_NAMES[random.nextInt(FIRST_NAMES.length)] + " "
                + LAST_NAMES[random.nextInt(LAST_NAMES.length)];
        String email = randomString(random, 7, ' ') + "@" + randomString(random, 5, ' ') + ".com";
        StringBuilder card = new StringBuilder(19);
        for (int i = 0; i < 4; i++) {
            if (i > 0) {
                card.append(' ');
            }
            int digits = random.nextInt(10_000);
            card.append((char) ('0' + digits / 1000)).append((char) ('0' + digits / 100 % 10))
                    .append((char) ('0' + digits / 10 % 10)).append((char) ('0' + digits % 10));
        }
        StringData city = cities[random.nextInt(cities.length)];
        StringData state = states[random.nextInt(states.length)];
        int size = 8 + name.length() + email.length() + card.length() + city.toString().length() + 2;
        return GenericRowData.of(
                lastPersonId(eventId) + FIRST_PERSON_ID,
                utf8(name),
                utf8(email),
                utf8(card.toString()),
                city,
                state,
                timestamp,
                extra(size, AVG_PERSON_BYTES));
    }

    private GenericRowData auction(long eventId, TimestampData timestamp) {
        long seller = random.nextInt(HOT_SELLERS_RATIO) > 0
                ? (lastPersonId(eventId) / HOT_GROUP) * HOT_GROUP
                : randomPersonId(eventId);
        long category = FIRST_CATEGORY_ID + random.nextInt(NUM_CATEGORIES);
        long initialBid = price();
        long expires = timestamp.getMillisecond() + auctionLengthMillis(eventId, timestamp.getMillisecond());
        String itemName = randomString(random, 20, ' ');
        String description = randomString(random, 100, ' ');
        long reserve = initialBid + price();
        int size = 8 + itemName.length() + description.length() + 8 + 8 + 8 + 8 + 8;
        return GenericRowData.of(
                lastAuctionId(eventId) + FIRST_AUCTION_ID,
                utf8(itemName),
                utf8(description),
                initialBid,
                reserve,
                timestamp,
                TimestampData.fromEpochMillis(expires),
                seller + FIRST_PERSON_ID,
                category,
                extra(size, AVG_AUCTION_BYTES));
    }

    private GenericRowData bid(long eventId, TimestampData timestamp) {
        long auction = random.nextInt(HOT_AUCTION_RATIO) > 0
                ? (lastAuctionId(eventId) / HOT_GROUP) * HOT_GROUP
                : randomAuctionId(eventId);
        long bidder = random.nextInt(HOT_BIDDERS_RATIO) > 0
                ? (lastPersonId(eventId) / HOT_GROUP) * HOT_GROUP + 1 // not the hot seller
                : randomPersonId(eventId);
        long price = price();
        StringData channel;
        StringData url;
        if (random.nextInt(HOT_CHANNELS_RATIO) > 0) {
            int i = random.nextInt(hotChannels.length);
            channel = hotChannels[i];
            url = hotUrls[i];
        } else {
            int i = random.nextInt(CHANNELS);
            channel = channels[i];
            url = channelUrls[i];
        }
        return GenericRowData.of(
                auction + FIRST_AUCTION_ID,
                bidder + FIRST_PERSON_ID,
                price,
                channel,
                url,
                timestamp,
                extra(8 + 8 + 8 + 8, AVG_BID_BYTES));
    }

    /** The newest person id (base 0) at this event: one person per proportion cycle. */
    private long lastPersonId(long eventId) {
        long epoch = eventId / config.totalProportion();
        long offset = Math.min(eventId % config.totalProportion(), config.personProportion - 1);
        return epoch * config.personProportion + offset;
    }

    /** The newest auction id (base 0) at this event. */
    private long lastAuctionId(long eventId) {
        long epoch = eventId / config.totalProportion();
        long offset = eventId % config.totalProportion();
        if (offset < config.personProportion) {
            // Person slot: the last auction is the previous cycle's last one.
            epoch--;
            offset = config.auctionProportion - 1;
        } else if (offset >= config.personProportion + config.auctionProportion) {
            offset = config.auctionProportion - 1; // bid slot: this cycle's last auction
        } else {
            offset -= config.personProportion;
        }
        return epoch * config.auctionProportion + offset;
    }

    /** One of the active people, or a few not yet created ("lead" ids), as nexmark does. */
    private long randomPersonId(long eventId) {
        long people = lastPersonId(eventId) + 1;
        long active = Math.min(people, NUM_ACTIVE_PEOPLE);
        return people - active + random.nextLong(active + ID_LEAD);
    }

    /** One of the auctions likely still in flight, or a few ahead. */
    private long randomAuctionId(long eventId) {
        long max = lastAuctionId(eventId);
        long min = Math.max(max - NUM_IN_FLIGHT_AUCTIONS, 0);
        return min + random.nextLong(max - min + 1 + ID_LEAD);
    }

    /** Auction length with the mean of nexmark's horizon (when NUM_IN_FLIGHT_AUCTIONS more will exist). */
    private long auctionLengthMillis(long eventId, long timestamp) {
        long eventsForAuctions = ((long) NUM_IN_FLIGHT_AUCTIONS * config.totalProportion()) / config.auctionProportion;
        long horizon = config.timestampForEvent(eventId + eventsForAuctions) - timestamp;
        return 1L + random.nextLong(Math.max(horizon * 2, 1L));
    }

    /** Log-uniform cents between 1 and 1,000,000 dollars. */
    private long price() {
        return Math.round(Math.pow(10.0, random.nextDouble() * 6.0) * 100.0);
    }

    /** Padding so the event averages {@code averageSize} bytes: a zero-copy slice of the shared random block. */
    private StringData extra(int currentSize, int averageSize) {
        if (currentSize > averageSize) {
            return BinaryStringData.EMPTY_UTF8;
        }
        int desired = averageSize - currentSize;
        int delta = (int) Math.round(desired * 0.2);
        int length = desired - delta + (delta == 0 ? 0 : random.nextInt(2 * delta));
        int offset = random.nextInt(EXTRA_BLOCK_BYTES - length);
        return BinaryStringData.fromAddress(extraBlock, offset, length);
    }

    /** {@code https://www.nexmark.com/<a>/<b>/<c>/item.htm?query=1}, the path parts random words with '_'. */
    private static String baseUrl(SplitMix64 random) {
        return "https://www.nexmark.com/" + randomString(random, 5, '_') + '/' + randomString(random, 5, '_') + '/'
                + randomString(random, 5, '_') + '/' + "item.htm?query=1";
    }

    /** 3 to maxLength-1 lower-case letters, about one in 13 replaced by {@code special}, trimmed. */
    private static String randomString(SplitMix64 random, int maxLength, char special) {
        int length = 3 + random.nextInt(maxLength - 3);
        char[] chars = new char[length];
        for (int i = 0; i < length; i++) {
            chars[i] = random.nextInt(13) == 0 ? special : (char) ('a' + random.nextInt(26));
        }
        return new String(chars).trim();
    }

    /** Encoded once up front, so Flink's row writer copies bytes instead of encoding a Java string per row. */
    private static StringData utf8(String s) {
        return BinaryStringData.fromBytes(s.getBytes(StandardCharsets.UTF_8));
    }
}
