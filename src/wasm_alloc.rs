//! The wasm module's memory allocator: power-of-two size classes with one free list each, fed by a
//! bump pointer over pages from `memory.grow`.
//!
//! The standard library's allocator for wasm32 (dlmalloc) is about 9 KB of the browser module;
//! this one is a few hundred bytes. What it gives up, returning freed memory to other size
//! classes, matters little here: a call's allocations are short-lived and repeat in shape from
//! call to call, so freed blocks are taken again by the next call of the same shape. wasm32 has a
//! single thread, so no locking is needed. Natively the system allocator is used.

use core::alloc::{GlobalAlloc, Layout};
use core::cell::UnsafeCell;
use core::ptr::null_mut;

/// Blocks are at least this large, so a free block can hold its free list's next pointer, and
/// aligned to at least this much.
const MIN_BLOCK: usize = 16;
const PAGE: usize = 65_536;

/// Block sizes are `2^class` bytes; a 32-bit address space has at most 32 classes.
const CLASSES: usize = 32;

struct State {
    /// The first free block of each class (0 for none); a free block's first word is the next.
    free: [usize; CLASSES],
    /// The bump region: `next..end` is memory from `memory.grow` not yet handed out.
    next: usize,
    end: usize,
}

pub struct Allocator {
    state: UnsafeCell<State>,
}

// SAFETY: wasm32-unknown-unknown runs this module on one thread (no atomics, no shared memory),
// so the state is never accessed from two threads.
unsafe impl Sync for Allocator {}

impl Allocator {
    pub const fn new() -> Allocator {
        Allocator { state: UnsafeCell::new(State { free: [0; CLASSES], next: 0, end: 0 }) }
    }
}

/// The class of a layout: the smallest power of two holding both its size and its alignment.
/// Every block is aligned to its own size (up to a page), so any block of a class suits any
/// layout of that class.
#[inline(always)]
fn class_of(layout: &Layout) -> Option<usize> {
    if layout.align() > PAGE {
        return None;
    }
    let size = layout.size().max(layout.align()).max(MIN_BLOCK);
    let block = size.checked_next_power_of_two()?;
    let class = block.trailing_zeros() as usize;
    (class < CLASSES).then_some(class)
}

impl State {
    /// A fresh block of `block` bytes (a power of two) from the bump region, growing memory when
    /// the region runs out.
    fn bump(&mut self, block: usize) -> *mut u8 {
        let align = block.min(PAGE);
        let aligned = |at: usize| at.checked_add(align - 1).map(|n| n & !(align - 1));
        let fits = |start: usize, end: usize| start.checked_add(block).filter(|stop| *stop <= end);
        let mut start = aligned(self.next);
        if start.and_then(|s| fits(s, self.end)).is_none() {
            // Whole pages at the current end of memory, one more than the block needs so that
            // aligning within them always leaves room; the old region is kept when they continue it.
            let pages = block.div_ceil(PAGE).saturating_add(1);
            let previous = core::arch::wasm32::memory_grow::<0>(pages);
            if previous == usize::MAX {
                return null_mut();
            }
            let base = previous.saturating_mul(PAGE);
            if base != self.end {
                self.next = base;
            }
            self.end = base.saturating_add(pages.saturating_mul(PAGE));
            start = aligned(self.next);
        }
        match start.and_then(|s| fits(s, self.end).map(|stop| (s, stop))) {
            Some((start, stop)) => {
                self.next = stop;
                start as *mut u8
            }
            None => null_mut(),
        }
    }
}

unsafe impl GlobalAlloc for Allocator {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        let Some(class) = class_of(&layout) else { return null_mut() };
        let state = &mut *self.state.get();
        let head = state.free[class];
        if head != 0 {
            state.free[class] = *(head as *const usize);
            return head as *mut u8;
        }
        state.bump(1 << class)
    }

    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        let Some(class) = class_of(&layout) else { return };
        let state = &mut *self.state.get();
        *(ptr as *mut usize) = state.free[class];
        state.free[class] = ptr as usize;
    }

    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        let Ok(new_layout) = Layout::from_size_align(new_size, layout.align()) else { return null_mut() };
        if class_of(&layout).is_some() && class_of(&layout) == class_of(&new_layout) {
            return ptr; // The block already holds the new size.
        }
        let new = self.alloc(new_layout);
        if !new.is_null() {
            core::ptr::copy_nonoverlapping(ptr, new, layout.size().min(new_size));
            self.dealloc(ptr, layout);
        }
        new
    }
}
