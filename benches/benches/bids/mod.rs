//! The Nexmark-bid-like JSON lines shared by the JSON benches (`json.rs` decodes them, `json_encode.rs`
//! encodes the rows they hold).

pub const LINES: usize = 4096;
const CHANNELS: [&str; 4] = ["Google", "Facebook", "Baidu", "Apple"];

/// The shape of the bid lines.
#[derive(Clone, Copy, PartialEq)]
pub enum Shape {
    /// `"price":12345`, `"dateTime":"2026-11-23 10:00:00.123"`.
    Flat,
    /// The price as a string with cents, and channel, url and dateTime inside `"bid":{..}`.
    Nested,
    /// As `Flat` with `"price":123.45` and `"dateTime":"2026-11-23T10:00:00.123Z"`.
    IsoLtzFloat,
}

/// The lines back to back, `\n`-free, with their offsets.
pub fn bid_lines(shape: Shape) -> (Vec<u8>, Vec<i32>) {
    let mut data = Vec::new();
    let mut offsets = vec![0i32];
    for i in 0..LINES {
        let auction = 1000 + i % 97;
        let bidder = 2001 + i * 7 % 1013;
        let price = 100 + i * 31 % 100_000;
        let channel = CHANNELS[i % 4];
        let url = format!(
            "https://www.nexmark.com/{}/item.htm?query=1&channel_id={}",
            ["apple", "banana", "cherry"][i % 3],
            i * 104_729 % 1_000_000
        );
        let date_time = format!(
            "2026-11-23{}10:{:02}:{:02}.{:03}{}",
            if shape == Shape::IsoLtzFloat {
                'T'
            } else {
                ' '
            },
            i / 60 % 60,
            i % 60,
            i * 37 % 1000,
            if shape == Shape::IsoLtzFloat { "Z" } else { "" }
        );
        let extra = "x".repeat(8 + i % 24);
        let line = match shape {
            Shape::Nested => format!(
                concat!(
                    r#"{{"auction":{},"bidder":{},"price":"{}.{:02}","#,
                    r#""bid":{{"channel":"{}","url":"{}","dateTime":"{}"}},"extra":"{}"}}"#
                ),
                auction,
                bidder,
                price,
                i % 100,
                channel,
                url,
                date_time,
                extra
            ),
            Shape::Flat => format!(
                concat!(
                    r#"{{"auction":{},"bidder":{},"price":{},"channel":"{}","#,
                    r#""url":"{}","dateTime":"{}","extra":"{}"}}"#
                ),
                auction, bidder, price, channel, url, date_time, extra
            ),
            Shape::IsoLtzFloat => format!(
                concat!(
                    r#"{{"auction":{},"bidder":{},"price":{}.{:02},"channel":"{}","#,
                    r#""url":"{}","dateTime":"{}","extra":"{}"}}"#
                ),
                auction,
                bidder,
                price,
                i % 100,
                channel,
                url,
                date_time,
                extra
            ),
        };
        data.extend_from_slice(line.as_bytes());
        offsets.push(data.len() as i32);
    }
    (data, offsets)
}
