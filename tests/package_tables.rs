//! Data tests of the default rules' package tables and super-app rules.
//!
//! `tests/data/packages.tsv` lists real Android packages with the category
//! `shareguard scan` must report for them (or `none`). It doubles as the
//! annotated registry of the tables: every table entry must appear there with
//! the name of its app, since the rules file (JSON) carries no comments.

use shareguard::rules::{AppCategory, DEFAULT_RULES_JSON, Rules, RulesFile};
use shareguard::scan;
use std::collections::{BTreeMap, HashMap};

const PACKAGES_TSV: &str = include_str!("data/packages.tsv");

/// The categories `scan` reports, as spelled in the TSV and the rules file.
const CATEGORIES: [&str; 6] = [
    "banking",
    "payment",
    "lending",
    "screen_share",
    "remote_control",
    "sms",
];

/// One line of `packages.tsv`.
struct Expectation<'a> {
    line: usize,
    package: &'a str,
    /// `None` for `none`.
    category: Option<&'a str>,
}

fn expectations() -> Vec<Expectation<'static>> {
    let mut out = Vec::new();
    for (i, raw) in PACKAGES_TSV.lines().enumerate() {
        let line = i + 1;
        if raw.trim().is_empty() || raw.starts_with('#') {
            continue;
        }
        let cols: Vec<&str> = raw.split('\t').collect();
        assert!(
            cols.len() == 3 && !cols[2].trim().is_empty(),
            "packages.tsv line {line}: want package<TAB>category<TAB>app name"
        );
        let category = match cols[1] {
            "none" => None,
            c if CATEGORIES.contains(&c) => Some(c),
            other => panic!("packages.tsv line {line}: unknown category {other:?}"),
        };
        out.push(Expectation {
            line,
            package: cols[0],
            category,
        });
    }
    out
}

/// The category tables of the embedded rules file, as written.
fn tables() -> Vec<(&'static str, Vec<String>)> {
    let file = RulesFile::parse(DEFAULT_RULES_JSON).expect("default rules parse");
    let a = file.apps;
    vec![
        ("banking", a.banking),
        ("payment", a.payment),
        ("lending", a.lending),
        ("screen_share", a.screen_share),
        ("remote_control", a.remote_control),
        ("sms", a.sms),
    ]
}

/// Whether `pattern` (a package or a `.*` prefix) covers `package`.
fn covers(pattern: &str, package: &str) -> bool {
    match pattern.strip_suffix(".*") {
        Some(stem) => package == stem || package.starts_with(&format!("{stem}.")),
        None => package == pattern,
    }
}

#[test]
fn packages_scan_to_their_expected_category() {
    let rules = Rules::default_rules();
    let expected = expectations();
    let mut seen = HashMap::new();
    for e in &expected {
        if let Some(first) = seen.insert(e.package, e.line) {
            panic!(
                "packages.tsv lists {} twice (lines {first} and {})",
                e.package, e.line
            );
        }
    }
    let wrong: Vec<String> = expected
        .iter()
        .filter_map(|e| {
            let got = scan(&rules, None, Some(e.package)).app_category;
            (got != e.category).then(|| {
                format!(
                    "line {}: {} scans as {:?}, expected {:?}",
                    e.line, e.package, got, e.category
                )
            })
        })
        .collect();
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));

    // The corpus covers every category and a fair share of ordinary apps.
    let mut per_category: BTreeMap<&str, usize> = BTreeMap::new();
    for e in &expected {
        *per_category
            .entry(e.category.unwrap_or("none"))
            .or_default() += 1;
    }
    for c in CATEGORIES.iter().chain(["none"].iter()) {
        assert!(
            per_category.get(c).copied().unwrap_or(0) >= 5,
            "too few {c} lines: {per_category:?}"
        );
    }
    assert!(expected.len() >= 300, "only {} lines", expected.len());
}

#[test]
fn every_table_entry_is_listed_with_its_name() {
    let expected = expectations();
    let mut missing = Vec::new();
    for (category, entries) in tables() {
        for entry in &entries {
            let listed = expected
                .iter()
                .any(|e| e.category == Some(category) && covers(entry, e.package));
            if !listed {
                missing.push(format!("{category}: {entry}"));
            }
        }
    }
    assert!(
        missing.is_empty(),
        "table entries without a line (package, category, app name) in tests/data/packages.tsv:\n{}",
        missing.join("\n")
    );
}

#[test]
fn no_package_is_in_two_tables() {
    let tables = tables();
    let mut problems = Vec::new();
    for (i, (cat_a, entries_a)) in tables.iter().enumerate() {
        for (j, a) in entries_a.iter().enumerate() {
            // Within a table: no entry twice, no entry covered by a prefix.
            for (k, b) in entries_a.iter().enumerate() {
                if j != k && covers(a, b.trim_end_matches(".*")) {
                    problems.push(format!("{cat_a}: {b} is already covered by {a}"));
                }
            }
            // Across tables: no package reachable from two categories.
            for (cat_b, entries_b) in tables.iter().skip(i + 1) {
                for b in entries_b {
                    let (sa, sb) = (a.trim_end_matches(".*"), b.trim_end_matches(".*"));
                    if covers(a, sb) || covers(b, sa) {
                        problems.push(format!("{a} ({cat_a}) and {b} ({cat_b}) overlap"));
                    }
                }
            }
        }
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));

    // And the compiled table agrees with the file for every entry.
    let rules = Rules::default_rules();
    for (category, entries) in &tables {
        for entry in entries {
            let stem = entry.trim_end_matches(".*");
            assert_eq!(
                rules.apps.get(stem).map(AppCategory::as_str),
                Some(*category),
                "{entry}"
            );
        }
    }
}

#[test]
fn super_app_rules_of_money_apps_add_another_category() {
    // A money app's whole screen is sensitive already; a screen rule for it is
    // only useful for another category (Alipay's 备用金 screen is a loan), and
    // one for its own category would be dead.
    let file = RulesFile::parse(DEFAULT_RULES_JSON).expect("default rules parse");
    let tables = [
        ("banking", &file.apps.banking),
        ("payment", &file.apps.payment),
        ("lending", &file.apps.lending),
    ];
    for s in &file.super_apps {
        assert!(
            ["banking", "payment", "lending"].contains(&s.category.as_str()),
            "{}",
            s.package
        );
        for (category, table) in tables {
            assert!(
                !(category == s.category
                    && table
                        .iter()
                        .any(|m| covers(m, &s.package) || covers(&s.package, m))),
                "super-app rule for {} repeats its table's category {category}",
                s.package
            );
        }
    }
}

/// The categories a super-app's rules give a screen showing `texts`.
fn super_app_categories(rules: &Rules, package: &str, texts: &[&str]) -> Vec<&'static str> {
    let mut out: Vec<&'static str> = rules
        .super_apps_for(package)
        .filter(|s| texts.iter().any(|t| s.when_any.is_on(t)))
        .map(|s| s.category.as_str())
        .collect();
    out.sort_unstable();
    out.dedup();
    out
}

#[test]
fn super_app_rules_mark_money_screens_only() {
    let rules = Rules::default_rules();
    // (package, screen texts, categories the screen must get; empty = ordinary)
    let screens: &[(&str, &[&str], &[&str])] = &[
        // WeChat: chat list, chat, Me tab, moments stay ordinary.
        (
            "com.tencent.mm",
            &[
                "微信",
                "通讯录",
                "发现",
                "我",
                "张三",
                "[转账]",
                "[红包]恭喜发财",
                "晚上一起吃饭",
            ],
            &[],
        ),
        (
            "com.tencent.mm",
            &[
                "我把钱转账给你了，你看下零钱",
                "好的，收到银行卡号了",
                "微信支付凭证",
            ],
            &[],
        ),
        (
            "com.tencent.mm",
            &["服务", "收藏", "朋友圈", "视频号", "设置"],
            &[],
        ),
        (
            "com.tencent.mm",
            &[
                "Chats",
                "Contacts",
                "Discover",
                "Me",
                "Send me the money transfer details",
            ],
            &[],
        ),
        (
            "com.tencent.mm",
            &["服务", "收付款", "钱包", "零钱通"],
            &["payment"],
        ),
        (
            "com.tencent.mm",
            &["转账给 张三", "¥", "转账金额", "添加转账说明", "转账"],
            &["payment"],
        ),
        (
            "com.tencent.mm",
            &["请输入支付密码", "¥500.00"],
            &["payment"],
        ),
        (
            "com.tencent.mm",
            &["Transfer to Alice", "Transfer Amount", "Add Note"],
            &["payment"],
        ),
        (
            "com.tencent.mm",
            &["微粒贷", "最高可借(元)", "借钱"],
            &["lending"],
        ),
        // QQ: a chat with the fake customer service is not a wallet screen
        // (the scam script has its own rules); QQ Wallet is.
        (
            "com.tencent.mobileqq",
            &[
                "消息",
                "联系人",
                "动态",
                "客服专员",
                "您好，这边帮您处理退款",
            ],
            &[],
        ),
        (
            "com.tencent.mobileqq",
            &["QQ钱包", "余额", "充值", "提现"],
            &["payment"],
        ),
        // Taobao: a product page with 花呗分期 is ordinary; the cashier is not.
        (
            "com.taobao.taobao",
            &["宝贝", "详情", "花呗分期", "加入购物车", "立即购买", "店铺"],
            &[],
        ),
        (
            "com.taobao.taobao",
            &["支付宝", "确认付款", "花呗", "余额宝"],
            &["payment"],
        ),
        // 58同城: listings mention loans; 58好借 is a loan screen.
        (
            "com.wuba",
            &["租房", "二手车", "招聘", "房产", "贷款计算器"],
            &[],
        ),
        (
            "com.wuba",
            &["58好借", "最高可借额度(元)", "立即借款"],
            &["lending"],
        ),
        // Meituan.
        (
            "com.sankuai.meituan",
            &["外卖", "美食", "酒店", "电影", "打车"],
            &[],
        ),
        (
            "com.sankuai.meituan",
            &["美团支付", "确认支付", "银行卡"],
            &["payment"],
        ),
        (
            "com.sankuai.meituan",
            &["美团借钱", "可借额度(元)"],
            &["lending"],
        ),
        // JD: 白条分期 and gold bars on product pages are ordinary.
        (
            "com.jingdong.app.mall",
            &["京东", "白条分期", "加入购物车", "投资金条 Au9999"],
            &[],
        ),
        (
            "com.jingdong.app.mall",
            &["京东金条", "可借额度"],
            &["lending"],
        ),
        // Douyin: the feed and the Me tab (which has a 钱包 entry) are ordinary.
        (
            "com.ss.android.ugc.aweme",
            &["推荐", "关注", "同城", "商城", "点赞"],
            &[],
        ),
        (
            "com.ss.android.ugc.aweme",
            &["我", "钱包", "订单", "作品"],
            &[],
        ),
        (
            "com.ss.android.ugc.aweme",
            &["放心借", "可借额度"],
            &["lending"],
        ),
        // Pinduoduo: 先用后付 on a product page is ordinary.
        (
            "com.xunmeng.pinduoduo",
            &["拼多多", "先用后付", "百亿补贴", "发起拼单"],
            &[],
        ),
        (
            "com.xunmeng.pinduoduo",
            &["多多支付", "确认支付"],
            &["payment"],
        ),
        // Vipshop, Ctrip: credit offers on product pages are ordinary.
        (
            "com.achievo.vipshop",
            &["唯品会", "唯品花分期", "立即购买"],
            &[],
        ),
        ("ctrip.android.view", &["酒店", "机票", "拿去花立减"], &[]),
        ("ctrip.android.view", &["借去花", "可借额度"], &["lending"]),
        ("com.sdu.didi.psnger", &["滴水贷", "借款金额"], &["lending"]),
    ];
    let mut wrong = Vec::new();
    for (package, texts, want) in screens {
        let got = super_app_categories(&rules, package, texts);
        if got != *want {
            wrong.push(format!("{package} {texts:?}: got {got:?}, want {want:?}"));
        }
    }
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));
}
