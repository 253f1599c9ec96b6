/**
 * Curves are also kept as a pyramid of blocks so that plotting hundreds of long curves reads a few
 * thousand blobs instead of millions of rows. A level-0 block holds BLOCK_POINTS raw points; a
 * level-(L+1) block condenses BLOCK_FANOUT consecutive level-L blocks back to BLOCK_POINTS points
 * with the min/max-preserving downsampler. A reader takes the coarsest level with enough points,
 * finer levels only for the stretch that level does not reach yet, and the points after the last
 * full level-0 block from the metrics table itself (always fewer than BLOCK_POINTS per curve).
 * A fanout of 2 leaves at most one block per finer level in that stretch: the fewest blobs per
 * read, for blocks taking about twice the space of the points.
 */
export const BLOCK_POINTS = 128;
export const BLOCK_FANOUT = 2;
