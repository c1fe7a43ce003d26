//! Criterion benchmarks of the engine: one observation on a small screen (20
//! texts) and a large one (400 texts, about 12 KB), a notification with a code,
//! a 10,000-observation trace, and the live heap after long traces (a counting
//! allocator shows the engine's memory does not grow with the trace).

use criterion::{BatchSize, Criterion, Throughput, criterion_group, criterion_main};
use shareguard::{Engine, Locale};
use std::alloc::{GlobalAlloc, Layout, System};
use std::hint::black_box;
use std::sync::atomic::{AtomicUsize, Ordering};

/// Counts live heap bytes, to show memory stays flat over a long trace.
struct CountingAllocator;

static LIVE_BYTES: AtomicUsize = AtomicUsize::new(0);

// SAFETY: delegates every call to the system allocator unchanged; the counter
// is only arithmetic on the sizes it is given.
unsafe impl GlobalAlloc for CountingAllocator {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        LIVE_BYTES.fetch_add(layout.size(), Ordering::Relaxed);
        // SAFETY: the caller upholds `alloc`'s contract, which we pass on.
        unsafe { System.alloc(layout) }
    }

    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        LIVE_BYTES.fetch_sub(layout.size(), Ordering::Relaxed);
        // SAFETY: `ptr` was allocated by `System` with this layout.
        unsafe { System.dealloc(ptr, layout) }
    }
}

#[global_allocator]
static ALLOCATOR: CountingAllocator = CountingAllocator;

const SHARING: &str = r#"{"t":0,"kind":"windows","windows":[{"type":"system","package":"com.android.systemui","texts":["10:05","正在共享屏幕"]}]}"#;

/// A realistic screen line of `n` texts: a bank app's transaction list.
fn screen_line(t: u64, n: usize) -> String {
    let texts: Vec<String> = (0..n)
        .map(|i| match i % 4 {
            0 => format!("2024-10-{:02} 11:{:02}", 1 + i % 28, i % 60),
            1 => format!("转账给 张{i} 尾号{:04}", 1000 + i),
            2 => format!("-¥{}.{:02}", 100 + i * 7, i % 100),
            _ => "余额 12,345.67 元 查看详情".to_owned(),
        })
        .collect();
    serde_json::json!({
        "t": t,
        "kind": "content",
        "package": "com.icbc",
        "class": "com.icbc.activity.TransactionList",
        "texts": texts,
        "fields": [{"hint": "搜索交易"}],
    })
    .to_string()
}

const CODE_NOTIFICATION: &str = r#"{"t":5,"kind":"notification","package":"com.android.mms","texts":["95588","【工商银行】您的验证码为 592047，您正在进行快捷支付签约，请勿泄露。"]}"#;

/// A long, varied trace: screens, notifications, clicks, snapshots, choices.
fn long_trace(observations: usize) -> Vec<String> {
    let apps = [
        "com.tencent.mobileqq",
        "com.icbc",
        "com.eg.android.AlipayGphone",
        "com.tencent.mm",
        "com.wuba",
    ];
    (0..observations)
        .map(|i| {
            let t = i as u64 * 500;
            match i % 10 {
                0 => SHARING.replace("\"t\":0", &format!("\"t\":{t}")),
                1..=3 => screen_line(t, 20).replace("com.icbc", apps[i % apps.len()]),
                4 => CODE_NOTIFICATION.replace("\"t\":5", &format!("\"t\":{t}")),
                5 => format!(r#"{{"t":{t},"kind":"user","choice":"continue"}}"#),
                6 => format!(r#"{{"t":{t},"kind":"click","package":"com.icbc","texts":["确认"]}}"#),
                7 => format!(r#"{{"t":{t},"kind":"call","state":"offhook","known_contact":false}}"#),
                8 => format!(
                    r#"{{"t":{t},"kind":"windows","windows":[{{"type":"system","package":"com.android.systemui","texts":["10:06"]}}]}}"#
                ),
                _ => format!(r#"{{"t":{t},"kind":"window","package":"com.tencent.mm","texts":["微信","通讯录"]}}"#),
            }
        })
        .collect()
}

fn shared_engine() -> Engine {
    let mut engine = Engine::new(Locale::ZhCn);
    engine.observe_line(SHARING).expect("valid");
    engine
}

fn observations(c: &mut Criterion) {
    let small = screen_line(10, 20);
    let large = screen_line(10, 400);
    let mut group = c.benchmark_group("observation");
    group.throughput(Throughput::Bytes(small.len() as u64));
    group.bench_function("small_screen_20_texts", |b| {
        let mut engine = shared_engine();
        b.iter(|| black_box(engine.observe_line(black_box(&small))))
    });
    group.throughput(Throughput::Bytes(large.len() as u64));
    group.bench_function("large_screen_400_texts", |b| {
        let mut engine = shared_engine();
        b.iter(|| black_box(engine.observe_line(black_box(&large))))
    });
    group.bench_function("large_screen_parse_only", |b| {
        b.iter(|| black_box(shareguard::parse_observation(black_box(&large))))
    });
    group.throughput(Throughput::Bytes(CODE_NOTIFICATION.len() as u64));
    group.bench_function("notification_with_code", |b| {
        b.iter_batched(
            shared_engine,
            |mut engine| black_box(engine.observe_line(black_box(CODE_NOTIFICATION))),
            BatchSize::SmallInput,
        )
    });
    group.finish();

    let trace = long_trace(10_000);
    let mut group = c.benchmark_group("trace");
    group.sample_size(10);
    group.throughput(Throughput::Elements(trace.len() as u64));
    group.bench_function("10000_observations", |b| {
        b.iter(|| {
            let mut engine = Engine::new(Locale::ZhCn);
            let mut decisions = 0usize;
            for line in &trace {
                decisions += usize::from(engine.observe_line(line).expect("valid").is_some());
            }
            black_box(decisions)
        })
    });
    group.finish();

    println!("large screen line: {} texts, {} bytes", 400, large.len());
    report_memory_growth();
}

/// Prints the engine's live heap after 10,000 and after 100,000 observations.
fn report_memory_growth() {
    let trace = long_trace(10_000);
    let before = LIVE_BYTES.load(Ordering::Relaxed);
    let mut engine = Engine::new(Locale::ZhCn);
    let mut live_after = Vec::new();
    for round in 1..=10 {
        for line in &trace {
            black_box(engine.observe_line(line).expect("valid"));
        }
        if round == 1 || round == 10 {
            live_after.push(LIVE_BYTES.load(Ordering::Relaxed).saturating_sub(before));
        }
    }
    println!(
        "engine live heap: {} bytes after 10,000 observations, {} bytes after 100,000",
        live_after[0], live_after[1]
    );
}

criterion_group!(benches, observations);
criterion_main!(benches);
