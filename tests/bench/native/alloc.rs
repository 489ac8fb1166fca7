//! A global allocator that can count heap bytes and their peak, so a
//! benchmark can report the peak memory of one run. Counting is switched on
//! only inside [`peak_of`]: during timing every allocation costs one
//! relaxed load more than the system allocator.

use std::alloc::{GlobalAlloc, Layout, System};
use std::sync::atomic::{AtomicBool, AtomicIsize, Ordering::Relaxed};

static ON: AtomicBool = AtomicBool::new(false);
/// Net bytes allocated since counting started (frees of older blocks count
/// too, so this can go below zero).
static LIVE: AtomicIsize = AtomicIsize::new(0);
static PEAK: AtomicIsize = AtomicIsize::new(0);
static COUNT: AtomicIsize = AtomicIsize::new(0);

pub struct Counting;

fn grow(by: usize) {
    if ON.load(Relaxed) {
        let by = by as isize;
        let now = LIVE.fetch_add(by, Relaxed) + by;
        PEAK.fetch_max(now, Relaxed);
        COUNT.fetch_add(1, Relaxed);
    }
}

fn shrink(by: usize) {
    if ON.load(Relaxed) {
        LIVE.fetch_sub(by as isize, Relaxed);
    }
}

// SAFETY: every call is forwarded to the system allocator unchanged; the
// counters only observe sizes.
unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        let p = unsafe { System.alloc(layout) };
        if !p.is_null() {
            grow(layout.size());
        }
        p
    }

    unsafe fn alloc_zeroed(&self, layout: Layout) -> *mut u8 {
        let p = unsafe { System.alloc_zeroed(layout) };
        if !p.is_null() {
            grow(layout.size());
        }
        p
    }

    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        unsafe { System.dealloc(ptr, layout) };
        shrink(layout.size());
    }

    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        let p = unsafe { System.realloc(ptr, layout, new_size) };
        if !p.is_null() {
            if new_size >= layout.size() {
                grow(new_size - layout.size());
            } else {
                shrink(layout.size() - new_size);
            }
        }
        p
    }
}

/// Peak heap bytes allocated on top of what was live before, while `f`
/// runs. Whatever `f` returns is dropped inside the measurement.
pub fn peak_of<T>(f: impl FnOnce() -> T) -> usize {
    counted(f).0
}

/// Peak heap bytes (as [`peak_of`]) and the number of allocations and
/// reallocations that grew a block while `f` runs.
pub fn counted<T>(f: impl FnOnce() -> T) -> (usize, usize) {
    LIVE.store(0, Relaxed);
    PEAK.store(0, Relaxed);
    COUNT.store(0, Relaxed);
    ON.store(true, Relaxed);
    drop(std::hint::black_box(f()));
    ON.store(false, Relaxed);
    (
        PEAK.load(Relaxed).max(0) as usize,
        COUNT.load(Relaxed).max(0) as usize,
    )
}
