package io.accesshub.domain.budget;

/** Who asks for a call: product traffic, or the hub's own background work (minting, installed locations). */
public enum Priority {
    /** Calls made for product teams; they may not use the background reserve. */
    PRODUCT,
    /** The hub's own calls; they may use the whole budget, reserve included. */
    BACKGROUND
}
