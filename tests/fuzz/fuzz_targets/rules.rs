//! The rule language: any text parses or gives an error with a column
//! inside the text; a parsed rule evaluates and explains over a small shop
//! (with products, categories and CLV values) without panicking.
#![no_main]

use std::sync::{Arc, OnceLock};

use libfuzzer_sys::fuzz_target;
use stammkunde::orders::{LineItem, Order};
use stammkunde::rules::Rule;
use stammkunde::segments::{ClvValues, Config, Lang, OrderTable, Segmentation};

fn shop() -> &'static Segmentation {
    static SHOP: OnceLock<Segmentation> = OnceLock::new();
    SHOP.get_or_init(|| {
        let day = 86_400;
        let mut orders = Vec::new();
        for i in 0..60i64 {
            let mut o = Order::new(
                &i.to_string(),
                &format!("k{}", i % 13),
                1_700_000_000 + (i * 17 % 400) * day,
                500 + i * 731 % 40_000,
                "EUR",
            );
            o.items.push(LineItem {
                product_id: format!("P{}", i % 5),
                sku: Some(format!("TEE-0{}", i % 3)),
                name: format!("Kaffee {}", i % 4),
                category: Some(["Sale", "Bohnen", "Zubehör"][(i % 3) as usize].into()),
                quantity: 1.0,
                unit_price: 500,
            });
            orders.push(o);
        }
        let config = Config {
            as_of: Some(1_700_000_000 + 420 * day),
            ..Config::default()
        };
        let seg =
            Segmentation::compute(Arc::new(OrderTable::from_orders(&orders)), &config).unwrap();
        let clv: Vec<ClvValues> = (0..seg.customer_count())
            .map(|i| ClvValues {
                p_alive: (i % 4 != 0).then_some(i as f64 / 13.0),
                predicted_clv: Some(i as f64 * 1_000.0),
                expected_orders: Some(i as f64 / 3.0),
            })
            .collect();
        seg.with_clv(&clv).unwrap()
    })
}

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    match Rule::parse(&text) {
        Ok(rule) => {
            let seg = shop();
            if let Ok(members) = rule.members(seg) {
                assert!(members.windows(2).all(|w| w[0] < w[1]));
                assert!(members.iter().all(|&m| (m as usize) < seg.customer_count()));
                for &m in members.iter().take(3) {
                    let why = rule.explain(seg, m as usize, Lang::De);
                    assert!(why.is_some(), "member {m} without an explanation");
                }
            }
            let mut seg = seg.clone();
            let _ = seg.add_rule("f", &text, &text);
        }
        Err(e) => {
            let chars = text.chars().count();
            assert!(
                e.column >= 1 && e.column <= chars + 1,
                "column {} of {chars}",
                e.column
            );
            assert!(!e.to_string_in(Lang::De).is_empty() && !e.to_string_in(Lang::En).is_empty());
        }
    }
});
