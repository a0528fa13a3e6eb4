//! Live heap of the kaart and its index at a given size, measured with a counting allocator:
//! `cargo run --release --example memory -- /tmp/big.db`.

use std::alloc::{GlobalAlloc, Layout, System};
use std::sync::atomic::{AtomicUsize, Ordering};

struct Counting;
static LIVE: AtomicUsize = AtomicUsize::new(0);

unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        LIVE.fetch_add(layout.size(), Ordering::Relaxed);
        unsafe { System.alloc(layout) }
    }
    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        LIVE.fetch_sub(layout.size(), Ordering::Relaxed);
        unsafe { System.dealloc(ptr, layout) }
    }
}

#[global_allocator]
static ALLOCATOR: Counting = Counting;

fn mb(bytes: usize) -> f64 {
    bytes as f64 / 1e6
}

fn main() -> anyhow::Result<()> {
    let path = std::env::args()
        .nth(1)
        .ok_or_else(|| anyhow::anyhow!("geef een database op"))?;
    let store = loket::store::Store::open(std::path::Path::new(&path))?.store;
    let start = LIVE.load(Ordering::Relaxed);
    let kaart = std::sync::Arc::new(store.load_kaart()?);
    let after_kaart = LIVE.load(Ordering::Relaxed);
    let index = loket::search::SearchIndex::build(kaart, loket::search::Vocabulary::builtin());
    let after_index = LIVE.load(Ordering::Relaxed);
    println!(
        "{} diensten: kaart {:.1} MB, index {:.1} MB (heap, levend)",
        index.len(),
        mb(after_kaart - start),
        mb(after_index - after_kaart)
    );
    Ok(())
}
