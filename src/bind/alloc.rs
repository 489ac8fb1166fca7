//! The storefront wasm's memory allocator: size classes of powers of two,
//! one free list per class, new blocks cut from the end of memory.
//!
//! The storefront allocates little (one engine per page view, the popup
//! decision's input and answer) and every visitor downloads the allocator,
//! so it is small rather than frugal: a block of class `k` holds `2^k`
//! bytes and goes back to its own list when freed, so memory never grows
//! past the largest set of blocks in use at once. The admin build keeps
//! the standard allocator, which suits its large data better.

use core::alloc::{GlobalAlloc, Layout};
use core::arch::wasm32;
use core::cell::UnsafeCell;
use core::ptr::null_mut;

const PAGE: usize = 65_536;
/// Classes 0..32: every size a 32-bit address space can hold.
const CLASSES: usize = 32;
/// The smallest block: room for the free list's link.
const MIN_CLASS: u32 = 3;

struct Heap {
    /// First free block of each class (0: none); a free block holds the next one's address.
    free: [usize; CLASSES],
    /// Unused memory between these two addresses.
    next: usize,
    end: usize,
}

/// The allocator; see the module docs.
pub struct Classes(UnsafeCell<Heap>);

// wasm32 without threads: one thread uses the heap.
unsafe impl Sync for Classes {}

impl Classes {
    pub const fn new() -> Classes {
        Classes(UnsafeCell::new(Heap {
            free: [0; CLASSES],
            next: 0,
            end: 0,
        }))
    }
}

/// The class of a layout: the smallest `k` with `2^k` >= size and align.
fn class(layout: Layout) -> usize {
    let size = layout.size().max(layout.align()).max(1 << MIN_CLASS);
    (usize::BITS - (size - 1).leading_zeros()) as usize
}

unsafe impl GlobalAlloc for Classes {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        let k = class(layout);
        // SAFETY: single-threaded, and no allocation happens while this borrow lives.
        let heap = unsafe { &mut *self.0.get() };
        // (get_mut, not indexing: no bounds-check panic and its formatting in the download)
        let Some(slot) = heap.free.get_mut(k) else {
            return null_mut();
        };
        let head = *slot;
        if head != 0 {
            // SAFETY: `head` is a freed block of this class; its first word links the next one.
            *slot = unsafe { *(head as *const usize) };
            return head as *mut u8;
        }
        let size = 1usize << k;
        // blocks are aligned to their size (at most a page, which is all a layout asks here)
        let align = size.min(PAGE);
        let start = (heap.next + align - 1) & !(align - 1);
        if start < heap.next || heap.end - heap.next < size + (start - heap.next) {
            // Grow memory: right after the free end (only this allocator
            // grows it), or anew where the first growth lands.
            let pages = (size + align).div_ceil(PAGE);
            let old = wasm32::memory_grow(0, pages);
            if old == usize::MAX {
                return null_mut();
            }
            if heap.end != old * PAGE {
                heap.next = old * PAGE;
            }
            heap.end = old * PAGE + pages * PAGE;
            // SAFETY: now there is room: the retry cuts the block
            return unsafe { self.alloc(layout) };
        }
        heap.next = start + size;
        start as *mut u8
    }

    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        let k = class(layout);
        // SAFETY: single-threaded; `ptr` came from `alloc` with this layout, so its class is `k`.
        let heap = unsafe { &mut *self.0.get() };
        if let Some(slot) = heap.free.get_mut(k) {
            unsafe { *(ptr as *mut usize) = *slot };
            *slot = ptr as usize;
        }
    }

    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        // SAFETY: the caller guarantees a valid layout for `new_size`.
        let new = unsafe { Layout::from_size_align_unchecked(new_size, layout.align()) };
        if class(new) == class(layout) {
            return ptr; // the block has room
        }
        let out = unsafe { self.alloc(new) };
        if !out.is_null() {
            unsafe {
                core::ptr::copy_nonoverlapping(ptr, out, layout.size().min(new_size));
                self.dealloc(ptr, layout);
            }
        }
        out
    }
}

#[global_allocator]
static ALLOC: Classes = Classes::new();
