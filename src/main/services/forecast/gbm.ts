/**
 * A small gradient-boosted regression-tree trainer, written for the forecast and nothing else: histogram
 * splits (≤ 63 bins per feature, bin 0 = missing), a learned default direction for missing values at every
 * split, deterministic from a seed, and two objectives:
 *
 * - `quantile` (pinball loss) with right-censoring: a sold-out show only tells us demand ≥ capacity, so a
 *   censored row is penalised only when the prediction is BELOW its observed value (Powell's censored
 *   quantile loss). Leaves are then "renewed" to the censored quantile of the residuals they hold, as
 *   LightGBM does for its quantile objective, which converges far faster than the raw gradient steps.
 * - `logistic` (log loss, Newton leaves) for the sold-out probability; calibration is done outside.
 *
 * Trees use the ONNX `BRANCH_LEQ` rule (value ≤ threshold goes left, NaN follows `missingLeft`) with float32
 * thresholds, so the exported model reproduces these predictions to float rounding.
 */

export const MAX_BINS = 63; // non-missing bins; bin 0 holds NaN, so a bin index fits a byte

/** Seeded PRNG (mulberry32): tiny, fast and good enough for row sampling and synthetic data. */
export function createRandom(seed: number): () => number {
  let state = seed >>> 0 || 0x9e3779b9;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** One tree in flat arrays. A node is a leaf when `feature[node] === -1`. */
export interface Tree {
  feature: number[];
  threshold: number[]; // float32 values: x ≤ threshold goes left
  missingLeft: boolean[];
  left: number[];
  right: number[];
  value: number[]; // leaf output (already multiplied by the learning rate)
}

export interface Ensemble {
  objective: 'quantile' | 'logistic';
  alpha: number | null; // the quantile level, for the quantile objective
  baseScore: number;
  trees: Tree[];
}

export interface BoostOptions {
  objective: 'quantile' | 'logistic';
  alpha?: number;
  rounds: number;
  learningRate: number;
  maxDepth: number;
  minLeafRows: number;
  lambda: number; // L2 on leaf values, in hessian units
  subsample: number; // fraction of rows drawn per tree (without replacement)
  seed: number;
  /**
   * Per feature: −1 = the prediction must not increase with it, +1 = must not decrease, 0 = free. Enforced in
   * the split search (a split whose children go the wrong way is not a candidate) and on the final leaf
   * values (`enforceMonotone`), so it holds for the exported ONNX trees too: they carry the same leaves.
   */
  monotone?: readonly number[];
  /** Called after each tree; throw from it (e.g. on abort) to stop. */
  onRound?: (round: number) => void;
}

/** Features quantised once per training run; shared by every head trained on the same rows. */
export interface BinnedMatrix {
  rows: number;
  width: number;
  /** Row-major bins: `bins[row * width + feature]` (a node's rows are scattered: one row = one cache line). */
  bins: Uint8Array;
  /** Per feature, the strictly increasing float32 upper edges: bin k (1-based) holds edges[k-2] < x ≤ edges[k-1]. */
  edges: Float64Array[];
}

const EDGE_SAMPLE = 50_000;

/** Quantises a row-major float matrix. Edges come from (a deterministic sample of) the distinct values. */
export function binMatrix(matrix: Float32Array, rows: number, width: number): BinnedMatrix {
  const bins = new Uint8Array(rows * width);
  const edges: Float64Array[] = [];
  const stride = Math.max(1, Math.floor(rows / EDGE_SAMPLE));
  for (let f = 0; f < width; f++) {
    const sample: number[] = [];
    for (let r = 0; r < rows; r += stride) {
      const v = matrix[r * width + f]!;
      if (!Number.isNaN(v)) sample.push(v);
    }
    sample.sort((a, b) => a - b);
    const distinct: number[] = [];
    for (const v of sample)
      if (distinct.length === 0 || distinct[distinct.length - 1] !== v) distinct.push(v);
    const cut: number[] = [];
    if (distinct.length <= MAX_BINS) {
      for (let i = 1; i < distinct.length; i++) cut.push(Math.fround((distinct[i - 1]! + distinct[i]!) / 2));
    } else {
      // Quantile edges over the sample (not over distinct values) so dense regions get more bins.
      for (let k = 1; k < MAX_BINS; k++) {
        const v = sample[Math.floor((k * sample.length) / MAX_BINS)]!;
        const below = sample[Math.floor((k * sample.length) / MAX_BINS) - 1] ?? v;
        cut.push(Math.fround(below === v ? v : (below + v) / 2));
      }
    }
    const unique = cut.filter((v, i) => i === 0 || v > cut[i - 1]!);
    const featureEdges = Float64Array.from(unique);
    edges.push(featureEdges);
    for (let r = 0; r < rows; r++) {
      const v = matrix[r * width + f]!;
      bins[r * width + f] = Number.isNaN(v) ? 0 : 1 + lowerBound(featureEdges, v);
    }
  }
  return { rows, width, bins, edges };
}

/** Number of edges strictly below v, i.e. the 0-based index of the first edge ≥ v. */
function lowerBound(edges: Float64Array, v: number): number {
  let lo = 0;
  let hi = edges.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (edges[mid]! < v) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** Threshold of "bin ≤ b goes left"; b = number of non-missing bins separates only the missing values. */
function thresholdOf(edges: Float64Array, bin: number): number {
  return bin - 1 < edges.length ? edges[bin - 1]! : 3.4028234663852886e38; // FLT_MAX
}

/**
 * The censored pinball loss' minimiser over a set of residuals with row weights w: the smallest v where the
 * subgradient  Σ_uncensored w·[(1−α)·1(r ≤ v) − α·1(r > v)] − Σ_censored w·α·1(r > v)  turns non-negative.
 * Censored rows only pull the value up; with no censoring it is the plain (weighted) α-quantile.
 */
export function censoredQuantile(
  residuals: Float64Array,
  censored: Uint8Array,
  count: number,
  alpha: number,
  weights?: Float64Array,
): number {
  if (count === 0) return 0;
  let anyCensored = false;
  let uniform = true;
  let total = 0;
  for (let i = 0; i < count; i++) {
    if (censored[i]) anyCensored = true;
    const w = weights?.[i] ?? 1;
    if (w !== 1) uniform = false;
    total += w;
  }
  if (!anyCensored && uniform) {
    // Plain α-quantile (the same point the loop below finds): native typed-array sort is much faster.
    const sorted = residuals.slice(0, count).sort();
    return sorted[Math.max(0, Math.ceil(alpha * count) - 1)]!;
  }
  const order = Array.from({ length: count }, (_, i) => i).sort((a, b) => residuals[a]! - residuals[b]!);
  // At v below every residual, every row is "under-forecast": the derivative is −α·Σw.
  let derivative = -alpha * total;
  for (let k = 0; k < count; k++) {
    const i = order[k]!;
    // Moving v past residual i: an uncensored row goes from −α to (1−α), a censored one from −α to 0.
    derivative += (weights?.[i] ?? 1) * (censored[i] ? alpha : 1);
    const next = order[k + 1];
    if (derivative >= -1e-12 && (next === undefined || residuals[next]! > residuals[i]!))
      return residuals[i]!;
  }
  return residuals[order[count - 1]!]!;
}

interface NodeTask {
  start: number;
  end: number;
  depth: number;
  node: number;
  grad: Float64Array; // histograms, width × (MAX_BINS + 1)
  hess: Float64Array;
  count: Float64Array;
}

interface Split {
  feature: number;
  bin: number;
  missingLeft: boolean;
  gain: number;
}

const HIST_BINS = MAX_BINS + 1;

/** Gives the event loop a turn during long training, so a cancel message or an abort can get through. */
async function breathe(state: { last: number }): Promise<void> {
  const now = performance.now();
  if (now - state.last < 20) return;
  await new Promise<void>((resolve) => setImmediate(resolve));
  state.last = performance.now();
}

/** Trains one boosted ensemble on binned features. `target` is the fill rate (quantile) or 0/1 (logistic). */
export async function boost(
  binned: BinnedMatrix,
  target: Float64Array,
  censored: Uint8Array,
  options: BoostOptions,
  weights?: Float64Array,
): Promise<Ensemble> {
  const { rows, width, bins } = binned;
  if (rows === 0) throw new Error('boost: no rows');
  const alpha = options.alpha ?? 0.5;
  const random = createRandom(options.seed);
  const weight = weights ?? new Float64Array(rows).fill(1);

  const baseScore = initialScore(options.objective, target, censored, alpha, weight);
  const score = new Float64Array(rows).fill(baseScore);
  const grad = new Float64Array(rows);
  const hess = new Float64Array(rows);
  const trees: Tree[] = [];
  const sampleSize = Math.max(1, Math.min(rows, Math.round(rows * options.subsample)));
  const all = new Uint32Array(rows);
  for (let i = 0; i < rows; i++) all[i] = i;
  const index = new Uint32Array(sampleSize);
  const leafOf = new Int32Array(rows);
  const clock = { last: performance.now() };

  for (let round = 0; round < options.rounds; round++) {
    // Row sample: partial Fisher–Yates over a persistent permutation keeps it O(sample) and seeded.
    for (let i = 0; i < sampleSize; i++) {
      const j = i + Math.floor(random() * (rows - i));
      const t = all[i]!;
      all[i] = all[j]!;
      all[j] = t;
      index[i] = all[i]!;
    }
    index.sort();
    for (let k = 0; k < sampleSize; k++) {
      const i = index[k]!;
      const w = weight[i]!;
      if (options.objective === 'logistic') {
        const p = 1 / (1 + Math.exp(-score[i]!));
        grad[i] = (p - target[i]!) * w;
        hess[i] = Math.max(p * (1 - p), 1e-6) * w;
      } else {
        const y = target[i]!;
        const f = score[i]!;
        grad[i] = (y > f ? -alpha : censored[i] || y === f ? 0 : 1 - alpha) * w;
        hess[i] = w;
      }
    }
    const tree = growTree(binned, index, grad, hess, options, leafOf);
    if (options.objective === 'quantile')
      renewLeaves(tree, index, leafOf, target, score, censored, weight, alpha, options);
    if (options.monotone?.some((c) => c !== 0)) {
      const leafRows = new Float64Array(tree.feature.length);
      for (let k = 0; k < sampleSize; k++) {
        const leaf = leafOf[index[k]!]!;
        leafRows[leaf] = leafRows[leaf]! + 1;
      }
      enforceMonotone(tree, options.monotone, leafRows);
    }
    // Update the scores of every row (not only the sample) through the tree, by bins.
    const treeBins = splitBins.get(tree)!;
    for (let i = 0; i < rows; i++) {
      let node = 0;
      while (tree.feature[node] !== -1) {
        const f = tree.feature[node]!;
        const bin = bins[i * width + f]!;
        const goLeft = bin === 0 ? tree.missingLeft[node]! : bin <= treeBins[node]!;
        node = goLeft ? tree.left[node]! : tree.right[node]!;
      }
      score[i] = score[i]! + tree.value[node]!;
    }
    splitBins.delete(tree);
    trees.push(tree);
    options.onRound?.(round);
    await breathe(clock);
  }
  return {
    objective: options.objective,
    alpha: options.objective === 'quantile' ? alpha : null,
    baseScore,
    trees,
  };
}

// The bin index of each split, needed while training only (exported trees keep the float threshold).
const splitBins = new WeakMap<Tree, number[]>();

function initialScore(
  objective: 'quantile' | 'logistic',
  target: Float64Array,
  censored: Uint8Array,
  alpha: number,
  weight: Float64Array,
): number {
  if (objective === 'logistic') {
    let positive = 0;
    let total = 0;
    for (let i = 0; i < target.length; i++) {
      positive += target[i]! * weight[i]!;
      total += weight[i]!;
    }
    const rate = (positive + 0.5) / (total + 1); // smoothed: one class only must not give ±∞
    return Math.log(rate / (1 - rate));
  }
  return censoredQuantile(target, censored, target.length, alpha, weight);
}

function growTree(
  binned: BinnedMatrix,
  index: Uint32Array,
  grad: Float64Array,
  hess: Float64Array,
  options: BoostOptions,
  leafOf: Int32Array,
): Tree {
  const tree: Tree = { feature: [], threshold: [], missingLeft: [], left: [], right: [], value: [] };
  const nodeBins: number[] = [];
  splitBins.set(tree, nodeBins);
  const addNode = (): number => {
    tree.feature.push(-1);
    tree.threshold.push(0);
    tree.missingLeft.push(false);
    tree.left.push(-1);
    tree.right.push(-1);
    tree.value.push(0);
    nodeBins.push(0);
    return tree.feature.length - 1;
  };
  const root = addNode();
  const rootHist = histogram(binned, index, 0, index.length, grad, hess);
  const stack: NodeTask[] = [{ start: 0, end: index.length, depth: 0, node: root, ...rootHist }];
  while (stack.length > 0) {
    const task = stack.pop()!;
    const totals = sumFeature0(task);
    const split = task.depth < options.maxDepth ? bestSplit(binned, task, totals, options) : null;
    if (!split) {
      tree.value[task.node] = (-totals.g / (totals.h + options.lambda)) * options.learningRate;
      for (let k = task.start; k < task.end; k++) leafOf[index[k]!] = task.node;
      continue;
    }
    // Partition the node's rows in place: left rows first.
    let mid = task.start;
    for (let k = task.start; k < task.end; k++) {
      const i = index[k]!;
      const bin = binned.bins[i * binned.width + split.feature]!;
      if (bin === 0 ? split.missingLeft : bin <= split.bin) {
        index[k] = index[mid]!;
        index[mid] = i;
        mid++;
      }
    }
    const left = addNode();
    const right = addNode();
    tree.feature[task.node] = split.feature;
    tree.threshold[task.node] = thresholdOf(binned.edges[split.feature]!, split.bin);
    tree.missingLeft[task.node] = split.missingLeft;
    tree.left[task.node] = left;
    tree.right[task.node] = right;
    nodeBins[task.node] = split.bin;
    // Histogram subtraction: build the smaller child, derive the larger one from the parent.
    const leftSmaller = mid - task.start <= task.end - mid;
    const small = leftSmaller
      ? histogram(binned, index, task.start, mid, grad, hess)
      : histogram(binned, index, mid, task.end, grad, hess);
    const large = {
      grad: subtract(task.grad, small.grad),
      hess: subtract(task.hess, small.hess),
      count: subtract(task.count, small.count),
    };
    const leftHist = leftSmaller ? small : large;
    const rightHist = leftSmaller ? large : small;
    stack.push({ start: task.start, end: mid, depth: task.depth + 1, node: left, ...leftHist });
    stack.push({ start: mid, end: task.end, depth: task.depth + 1, node: right, ...rightHist });
  }
  return tree;
}

function subtract(a: Float64Array, b: Float64Array): Float64Array {
  const out = new Float64Array(a.length);
  for (let i = 0; i < a.length; i++) out[i] = a[i]! - b[i]!;
  return out;
}

function histogram(
  binned: BinnedMatrix,
  index: Uint32Array,
  start: number,
  end: number,
  grad: Float64Array,
  hess: Float64Array,
): { grad: Float64Array; hess: Float64Array; count: Float64Array } {
  const { width, bins } = binned;
  const g = new Float64Array(width * HIST_BINS);
  const h = new Float64Array(width * HIST_BINS);
  const c = new Float64Array(width * HIST_BINS);
  for (let k = start; k < end; k++) {
    const i = index[k]!;
    const gi = grad[i]!;
    const hi = hess[i]!;
    const row = i * width;
    for (let f = 0, base = 0; f < width; f++, base += HIST_BINS) {
      const slot = base + bins[row + f]!;
      g[slot] = g[slot]! + gi;
      h[slot] = h[slot]! + hi;
      c[slot] = c[slot]! + 1;
    }
  }
  return { grad: g, hess: h, count: c };
}

function sumFeature0(task: NodeTask): { g: number; h: number; c: number } {
  let g = 0;
  let h = 0;
  let c = 0;
  for (let b = 0; b < HIST_BINS; b++) {
    g += task.grad[b]!;
    h += task.hess[b]!;
    c += task.count[b]!;
  }
  return { g, h, c };
}

function bestSplit(
  binned: BinnedMatrix,
  task: NodeTask,
  totals: { g: number; h: number; c: number },
  options: BoostOptions,
): Split | null {
  const { lambda, minLeafRows } = options;
  const monotone = options.monotone;
  if (totals.c < 2 * minLeafRows) return null;
  const parentScore = (totals.g * totals.g) / (totals.h + lambda);
  let best: Split | null = null;
  for (let f = 0; f < binned.width; f++) {
    const base = f * HIST_BINS;
    const nonMissingBins = binned.edges[f]!.length + 1;
    const gM = task.grad[base]!;
    const hM = task.hess[base]!;
    const cM = task.count[base]!;
    let gL = 0;
    let hL = 0;
    let cL = 0;
    for (let b = 1; b <= nonMissingBins; b++) {
      gL += task.grad[base + b]!;
      hL += task.hess[base + b]!;
      cL += task.count[base + b]!;
      if (task.count[base + b] === 0 && b < nonMissingBins) continue; // same partition as the previous bin
      for (let side = 0; side < 2; side++) {
        const missingLeft = side === 0;
        const gl = missingLeft ? gL + gM : gL;
        const hl = missingLeft ? hL + hM : hL;
        const cl = missingLeft ? cL + cM : cL;
        const cr = totals.c - cl;
        if (cl < minLeafRows || cr < minLeafRows) continue;
        const gr = totals.g - gl;
        const hr = totals.h - hl;
        const direction = monotone?.[f] ?? 0;
        if (direction !== 0) {
          // Newton values of the children (for the quantile objective: minus the mean subgradient, whose
          // sign says which way the residuals lean). Left holds the smaller values of the feature.
          const leftValue = -gl / (hl + lambda);
          const rightValue = -gr / (hr + lambda);
          if (direction < 0 ? leftValue < rightValue : leftValue > rightValue) continue;
        }
        const gain = (gl * gl) / (hl + lambda) + (gr * gr) / (hr + lambda) - parentScore;
        if (gain > 1e-9 && (!best || gain > best.gain)) best = { feature: f, bin: b, missingLeft, gain };
        if (cM === 0) break; // without missing values both sides give the same split
      }
    }
  }
  return best;
}

/**
 * Makes a tree monotone in the constrained features, whatever its leaf values came from (Newton steps or the
 * renewed quantiles). Top-down, each node carries bounds [lo, hi] on the leaves below it; at a split on a
 * constrained feature the two sides' row-weighted mean values (clamped to the bounds) give a midpoint: for a
 * non-increasing feature the left (smaller values) side is bounded below by it and the right side above, so
 * every leaf on the left is ≥ every leaf on the right. When the sides go the wrong way (possible after the
 * quantile renewal) the midpoint is their common mean and both sides collapse onto it. This is LightGBM's
 * "basic" monotone method, applied after the leaves are final. Two rows that differ only in a constrained
 * feature part at such a split, so the tree's prediction is monotone in it; a sum of such trees is too.
 */
export function enforceMonotone(tree: Tree, monotone: readonly number[], leafRows: ArrayLike<number>): void {
  const n = tree.feature.length;
  const mean = new Float64Array(n);
  const rows = new Float64Array(n);
  // Children are always added after their parent, so a reverse scan sees children first.
  for (let node = n - 1; node >= 0; node--) {
    if (tree.feature[node] === -1) {
      rows[node] = Math.max(leafRows[node] ?? 0, 1e-9);
      mean[node] = tree.value[node]!;
    } else {
      const l = tree.left[node]!;
      const r = tree.right[node]!;
      rows[node] = rows[l]! + rows[r]!;
      mean[node] = (mean[l]! * rows[l]! + mean[r]! * rows[r]!) / rows[node]!;
    }
  }
  const clamp = (v: number, lo: number, hi: number) => Math.min(hi, Math.max(lo, v));
  const stack: [number, number, number][] = [[0, -Infinity, Infinity]];
  while (stack.length > 0) {
    const [node, lo, hi] = stack.pop()!;
    if (tree.feature[node] === -1) {
      tree.value[node] = clamp(tree.value[node]!, lo, hi);
      continue;
    }
    const l = tree.left[node]!;
    const r = tree.right[node]!;
    const direction = monotone[tree.feature[node]!] ?? 0;
    if (direction === 0) {
      stack.push([l, lo, hi], [r, lo, hi]);
      continue;
    }
    const ml = clamp(mean[l]!, lo, hi);
    const mr = clamp(mean[r]!, lo, hi);
    const ordered = direction < 0 ? ml >= mr : ml <= mr;
    const mid = ordered ? (ml + mr) / 2 : (ml * rows[l]! + mr * rows[r]!) / (rows[l]! + rows[r]!);
    if (direction < 0) stack.push([l, Math.max(lo, mid), hi], [r, lo, Math.min(hi, mid)]);
    else stack.push([l, lo, Math.min(hi, mid)], [r, Math.max(lo, mid), hi]);
  }
}

/** Quantile objective: replace each leaf's gradient step by the censored α-quantile of its residuals. */
function renewLeaves(
  tree: Tree,
  index: Uint32Array,
  leafOf: Int32Array,
  target: Float64Array,
  score: Float64Array,
  censored: Uint8Array,
  weight: Float64Array,
  alpha: number,
  options: BoostOptions,
): void {
  const members = new Map<number, number[]>();
  for (let k = 0; k < index.length; k++) {
    const i = index[k]!;
    const leaf = leafOf[i]!;
    let list = members.get(leaf);
    if (!list) members.set(leaf, (list = []));
    list.push(i);
  }
  for (const [leaf, list] of members) {
    const residuals = new Float64Array(list.length);
    const flags = new Uint8Array(list.length);
    const leafWeights = new Float64Array(list.length);
    list.forEach((i, k) => {
      residuals[k] = target[i]! - score[i]!;
      flags[k] = censored[i]!;
      leafWeights[k] = weight[i]!;
    });
    tree.value[leaf] =
      censoredQuantile(residuals, flags, list.length, alpha, leafWeights) * options.learningRate;
  }
}

/** Raw score of one ensemble on a row-major float matrix, by float thresholds (the ONNX rule). */
export function predictEnsemble(
  ensemble: Ensemble,
  matrix: Float32Array,
  rows: number,
  width: number,
): Float64Array {
  const out = new Float64Array(rows).fill(ensemble.baseScore);
  for (const tree of ensemble.trees) {
    for (let r = 0; r < rows; r++) {
      const offset = r * width;
      let node = 0;
      while (tree.feature[node] !== -1) {
        const v = matrix[offset + tree.feature[node]!]!;
        const goLeft = Number.isNaN(v) ? tree.missingLeft[node]! : v <= tree.threshold[node]!;
        node = goLeft ? tree.left[node]! : tree.right[node]!;
      }
      out[r] = out[r]! + tree.value[node]!;
    }
  }
  return out;
}

/** The binned rows `rows` of a matrix (same edges), for out-of-fold training without re-binning. */
export function subsetBinned(binned: BinnedMatrix, rows: ArrayLike<number>): BinnedMatrix {
  const count = rows.length;
  const { width } = binned;
  const bins = new Uint8Array(count * width);
  for (let k = 0; k < count; k++)
    bins.set(binned.bins.subarray(rows[k]! * width, (rows[k]! + 1) * width), k * width);
  return { rows: count, width: binned.width, bins, edges: binned.edges };
}
