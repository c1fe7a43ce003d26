//! Robustness: arbitrary bytes and arbitrary JSON into the trace reader, the
//! engine and the scanner never panic; random sequences of valid observations
//! keep the engine's decisions well-formed; a 1 MB screen is handled.
//!
//! No timing assertions here: bounded time is shown by the benchmarks.

use proptest::prelude::*;
use proptest::sample::select;
use serde_json::{Map, Value, json};
use shareguard::{Action, Engine, Locale, ReasonKind, Rules, parse_observation, scan};

use shareguard::trace::KINDS;

/// Every field name the trace spec uses, at any level.
const FIELD_NAMES: [&str; 24] = [
    "t",
    "kind",
    "package",
    "class",
    "texts",
    "fields",
    "hint",
    "text",
    "id",
    "password",
    "ongoing",
    "windows",
    "type",
    "title",
    "displays",
    "name",
    "virtual",
    "owner_package",
    "flags",
    "visible",
    "enabled",
    "state",
    "known_contact",
    "choice",
];

/// Packages a phone reports, sensitive or not.
const PACKAGES: [&str; 16] = [
    "com.eg.android.AlipayGphone",
    "com.icbc",
    "cmb.pb",
    "com.tencent.mobileqq",
    "com.tencent.mm",
    "com.android.systemui",
    "com.wuba",
    "com.qihoo.loan",
    "com.tencent.wemeet.app",
    "us.zoom.videomeetings",
    "com.android.chrome",
    "com.android.mms",
    "com.miui.home",
    "com.teamviewer.quicksupport.market",
    "com.oray.sunlogin",
    "tv.danmaku.bili",
];

/// Texts that matter to the engine: consent wordings and buttons, indicators,
/// codes and near-codes, the scam script, sharing texts.
const TEXTS: [&str; 34] = [
    "要开始使用“QQ”录制或投射内容吗？",
    "要与“QQ”共享屏幕吗？",
    "Start recording or casting with WhatsApp?",
    "Share your screen with Zoom?",
    "立即开始",
    "开始",
    "共享屏幕",
    "取消",
    "Start now",
    "Cancel",
    "正在共享屏幕",
    "正在投屏",
    "正在录制屏幕",
    "Casting",
    "Sharing screen",
    "你正在共享屏幕",
    "结束共享",
    "Stop Share",
    "【中国工商银行】验证码：483920。请勿泄露。",
    "验证码 ４８２ ９１３",
    "Your code is 482 913",
    "G-582913 is your Google verification code.",
    "取件码 3-2-1108",
    "尾号1234 支出 3,000.00元 余额1,204.56元",
    "重新获取(59s)",
    "请勿泄露验证码",
    "理赔通道",
    "系统已经激活93%",
    "资金归还超时，请验证本人资金信息。",
    "备用金",
    "58好借",
    "钱包",
    "银行卡号",
    "",
];

fn config() -> ProptestConfig {
    ProptestConfig {
        cases: 256,
        ..ProptestConfig::default()
    }
}

/// Strings: anything, the interesting ones, and digit/CJK soups.
fn text() -> impl Strategy<Value = String> {
    prop_oneof![
        any::<String>(),
        select(&TEXTS[..]).prop_map(str::to_owned),
        "[0-9０-９ 验证码:：\\-()（）a-zA-Z]{0,40}",
    ]
}

fn json_leaf() -> impl Strategy<Value = Value> {
    prop_oneof![
        Just(Value::Null),
        any::<bool>().prop_map(Value::Bool),
        any::<i64>().prop_map(Value::from),
        any::<u64>().prop_map(Value::from),
        any::<f64>().prop_filter_map("finite", |f| serde_json::Number::from_f64(f)
            .map(Value::Number)),
        text().prop_map(Value::String),
        select(&KINDS[..]).prop_map(Value::from),
        select(&PACKAGES[..]).prop_map(Value::from),
    ]
}

fn key() -> impl Strategy<Value = String> {
    prop_oneof![
        select(&FIELD_NAMES[..]).prop_map(str::to_owned),
        "[a-z_]{1,8}"
    ]
}

/// Any JSON value, nested a few levels, with the spec's field names as keys.
fn json_value() -> impl Strategy<Value = Value> {
    json_leaf().prop_recursive(3, 32, 6, |inner| {
        prop_oneof![
            prop::collection::vec(inner.clone(), 0..6).prop_map(Value::Array),
            prop::collection::btree_map(key(), inner, 0..6)
                .prop_map(|m| Value::Object(m.into_iter().collect())),
        ]
    })
}

/// An object shaped like an observation, with fields of any type.
fn observation_like() -> impl Strategy<Value = Value> {
    (
        prop_oneof![any::<u64>().prop_map(Value::from), json_value()],
        prop_oneof![select(&KINDS[..]).prop_map(Value::from), json_value()],
        prop::collection::btree_map(select(&FIELD_NAMES[..]), json_value(), 0..6),
    )
        .prop_map(|(t, kind, fields)| {
            let mut object = Map::new();
            object.insert("t".into(), t);
            object.insert("kind".into(), kind);
            for (name, value) in fields {
                object.insert(name.into(), value);
            }
            Value::Object(object)
        })
}

/// Feeds one line everywhere a line or a text can go; none of it may panic.
fn feed_everywhere(engine: &mut Engine, rules: &Rules, line: &str) {
    let _ = parse_observation(line);
    let _ = engine.observe_line(line);
    let _ = scan(rules, Some(line), Some(line));
    let _ = scan(rules, Some(line), None);
}

/// The strings of a JSON value, for the scanner.
fn strings_in(value: &Value, out: &mut Vec<String>) {
    match value {
        Value::String(s) => out.push(s.clone()),
        Value::Array(items) => items.iter().for_each(|v| strings_in(v, out)),
        Value::Object(map) => map.values().for_each(|v| strings_in(v, out)),
        _ => {}
    }
}

proptest! {
    #![proptest_config(config())]

    #[test]
    fn arbitrary_bytes_never_panic(bytes in prop::collection::vec(any::<u8>(), 0..512)) {
        let rules = Rules::default_rules();
        let mut engine = Engine::new(Locale::ZhCn);
        let line = String::from_utf8_lossy(&bytes);
        feed_everywhere(&mut engine, &rules, &line);
    }

    #[test]
    fn arbitrary_json_never_panics(value in json_value(), cut in any::<prop::sample::Index>()) {
        let rules = Rules::default_rules();
        let mut engine = Engine::new(Locale::En);
        let line = value.to_string();
        feed_everywhere(&mut engine, &rules, &line);
        // A truncated line is invalid JSON: reported, never a panic.
        let boundaries: Vec<usize> = line.char_indices().map(|(i, _)| i).collect();
        if !boundaries.is_empty() {
            let truncated = &line[..boundaries[cut.index(boundaries.len())]];
            feed_everywhere(&mut engine, &rules, truncated);
        }
    }

    #[test]
    fn observation_shaped_json_with_wrong_types_never_panics(
        values in prop::collection::vec(observation_like(), 1..6),
    ) {
        let rules = Rules::default_rules();
        let mut engine = Engine::new(Locale::ZhCn);
        for value in &values {
            feed_everywhere(&mut engine, &rules, &value.to_string());
            let mut strings = Vec::new();
            strings_in(value, &mut strings);
            for s in &strings {
                let _ = scan(&rules, Some(s), Some(s));
            }
        }
    }
}

// ------------------------------------------------- random valid observations

fn texts() -> impl Strategy<Value = Vec<String>> {
    prop::collection::vec(text(), 0..6)
}

fn package() -> impl Strategy<Value = String> {
    prop_oneof![4 => select(&PACKAGES[..]).prop_map(str::to_owned), 1 => "[a-z]{1,6}(\\.[a-z]{1,6}){1,3}"]
}

fn field() -> impl Strategy<Value = Value> {
    (
        prop::option::of(select(
            &[
                "请输入银行卡号",
                "请输入短信验证码",
                "Card number",
                "Verification code",
                "支付密码",
                "搜索",
            ][..],
        )),
        prop::option::of(text()),
        prop::option::of(select(&["card_number", "otp", "com.bank:id/pwd"][..])),
        prop::option::of(any::<bool>()),
    )
        .prop_map(|(hint, text, id, password)| {
            let mut f = Map::new();
            if let Some(h) = hint {
                f.insert("hint".into(), h.into());
            }
            if let Some(t) = text {
                f.insert("text".into(), t.into());
            }
            if let Some(i) = id {
                f.insert("id".into(), i.into());
            }
            if let Some(p) = password {
                f.insert("password".into(), p.into());
            }
            Value::Object(f)
        })
}

fn window_info() -> impl Strategy<Value = Value> {
    (
        select(
            &[
                "application",
                "system",
                "input_method",
                "accessibility_overlay",
                "split_screen_divider",
                "magnification",
            ][..],
        ),
        prop::option::of(package()),
        prop::option::of(text()),
        texts(),
    )
        .prop_map(|(kind, package, title, texts)| {
            let mut w = Map::new();
            w.insert("type".into(), kind.into());
            if let Some(p) = package {
                w.insert("package".into(), p.into());
            }
            if let Some(t) = title {
                w.insert("title".into(), t.into());
            }
            w.insert("texts".into(), json!(texts));
            Value::Object(w)
        })
}

fn display_info() -> impl Strategy<Value = Value> {
    (
        0i64..6,
        text(),
        prop::option::of(any::<bool>()),
        prop::option::of(package()),
        prop::collection::vec(
            select(&["presentation", "public", "secure", "private"][..]),
            0..3,
        ),
    )
        .prop_map(|(id, name, is_virtual, owner, flags)| {
            let mut d = Map::new();
            d.insert("id".into(), id.into());
            d.insert("name".into(), name.into());
            if let Some(v) = is_virtual {
                d.insert("virtual".into(), v.into());
            }
            if let Some(o) = owner {
                d.insert("owner_package".into(), o.into());
            }
            d.insert("flags".into(), json!(flags));
            Value::Object(d)
        })
}

/// The body of a valid observation of any kind (without `t`).
fn valid_body() -> impl Strategy<Value = Value> {
    prop_oneof![
        (
            select(&["window", "content"][..]),
            package(),
            prop::option::of(text()),
            texts(),
            prop::collection::vec(field(), 0..4)
        )
            .prop_map(|(kind, package, class, texts, fields)| {
                let mut o =
                    json!({"kind": kind, "package": package, "texts": texts, "fields": fields});
                if let Some(c) = class {
                    o["class"] = c.into();
                }
                o
            }),
        (package(), texts(), prop::option::of(any::<bool>())).prop_map(
            |(package, texts, ongoing)| {
                let mut o = json!({"kind": "notification", "package": package, "texts": texts});
                if let Some(g) = ongoing {
                    o["ongoing"] = g.into();
                }
                o
            }
        ),
        (package(), texts()).prop_map(
            |(package, texts)| json!({"kind": "click", "package": package, "texts": texts})
        ),
        prop::collection::vec(window_info(), 0..5)
            .prop_map(|w| json!({"kind": "windows", "windows": w})),
        prop::collection::vec(display_info(), 0..4)
            .prop_map(|d| json!({"kind": "display", "displays": d})),
        any::<bool>().prop_map(|v| json!({"kind": "recording", "visible": v})),
        prop::collection::vec(package(), 0..3)
            .prop_map(|e| json!({"kind": "accessibility", "enabled": e})),
        (
            select(&["idle", "ringing", "offhook"][..]),
            prop::option::of(any::<bool>())
        )
            .prop_map(|(state, known)| {
                let mut o = json!({"kind": "call", "state": state});
                if let Some(k) = known {
                    o["known_contact"] = k.into();
                }
                o
            }),
        any::<bool>().prop_map(|on| json!({"kind": "screen", "on": on})),
        select(&["continue", "stop_sharing", "leave"][..])
            .prop_map(|c| json!({"kind": "user", "choice": c})),
    ]
}

/// A trace: valid observations with non-decreasing `t`.
fn valid_trace() -> impl Strategy<Value = Vec<String>> {
    prop::collection::vec(
        (prop_oneof![0u64..5_000, 0u64..900_000], valid_body()),
        1..40,
    )
    .prop_map(|steps| {
        let mut t = 0u64;
        steps
            .into_iter()
            .map(|(delta, mut body)| {
                t += delta;
                body["t"] = t.into();
                body.to_string()
            })
            .collect()
    })
}

proptest! {
    #![proptest_config(config())]

    /// Valid observations in any order: each is accepted, and the decisions keep
    /// the spec's shape: an interrupt has a title, the hotlines, at least one
    /// exposure and one sensitive reason; a clear only takes down a raised
    /// interruption; a decision carries the `t` of its observation.
    #[test]
    fn random_valid_traces_give_well_formed_decisions(trace in valid_trace(), english in any::<bool>()) {
        let mut engine = Engine::new(if english { Locale::En } else { Locale::ZhCn });
        let mut raised = false;
        for line in &trace {
            let observation = parse_observation(line);
            prop_assert!(observation.is_ok(), "a valid observation was refused: {:?}", observation.err());
            let t = observation.map(|o| o.t).unwrap_or_default();
            let decision = engine.observe_line(line);
            prop_assert!(decision.is_ok());
            let Ok(Some(decision)) = decision else { continue };
            prop_assert_eq!(decision.t, t);
            match decision.action {
                Action::Interrupt => {
                    let title = decision.title.as_deref().unwrap_or("");
                    let message = decision.message.as_deref().unwrap_or("");
                    prop_assert!(!title.trim().is_empty(), "interrupt without title");
                    prop_assert!(message.contains("110") && message.contains("96110"), "message lacks hotlines");
                    prop_assert!(decision.reasons.iter().any(|r| r.kind.is_exposure()), "interrupt without exposure: {:?}", decision.reasons);
                    prop_assert!(
                        decision.reasons.iter().any(|r| !r.kind.is_exposure() && r.kind != ReasonKind::CallUnknown),
                        "interrupt without anything sensitive: {:?}", decision.reasons
                    );
                    raised = true;
                }
                Action::Clear => {
                    prop_assert!(raised, "clear while no interruption is up");
                    raised = false;
                }
            }
        }
    }
}

// ------------------------------------------------------------- a 1 MB screen

/// 400 texts of about 2.5 KB each: digit runs, spaced digits, full-width digits,
/// code keywords and CJK, mixed so a scanner sees many near-codes.
fn huge_texts() -> Vec<String> {
    const PIECES: [&str; 8] = [
        "验证码",
        "1234567890",
        "4 8 2 9 1 3 ",
        "４８２９１３",
        "尾号1234余额9,999.00元",
        "理赔通道备用金",
        "重新获取(59s)",
        "取件码3-2-1108",
    ];
    (0..400)
        .map(|i| {
            let mut s = String::with_capacity(2600);
            let mut j = i;
            while s.len() < 2500 {
                s.push_str(PIECES[j % PIECES.len()]);
                j = j.wrapping_mul(31).wrapping_add(7);
            }
            s
        })
        .collect()
}

#[test]
fn a_one_megabyte_screen_is_handled() {
    let texts = huge_texts();
    let total: usize = texts.iter().map(String::len).sum();
    assert!(total >= 1_000_000, "the screen is only {total} bytes");
    let rules = Rules::default_rules();
    let mut engine = Engine::new(Locale::ZhCn);
    // Expose the screen first, so an engine that only scans exposed screens scans this one.
    let chip = json!({"t": 0, "kind": "windows", "windows": [
        {"type": "system", "package": "com.android.systemui", "texts": ["正在共享屏幕"]}]});
    assert!(engine.observe_line(&chip.to_string()).is_ok());
    for (t, kind, package) in [
        (1, "window", "com.tencent.mobileqq"),
        (2, "content", "com.android.chrome"),
    ] {
        let line = json!({"t": t, "kind": kind, "package": package, "texts": texts}).to_string();
        assert!(line.len() > 1_000_000);
        assert!(parse_observation(&line).is_ok());
        assert!(engine.observe_line(&line).is_ok());
    }
    let notification =
        json!({"t": 3, "kind": "notification", "package": "com.android.mms", "texts": texts})
            .to_string();
    assert!(engine.observe_line(&notification).is_ok());
    let joined = texts.concat();
    let _ = scan(&rules, Some(&joined), Some("com.icbc"));
}
