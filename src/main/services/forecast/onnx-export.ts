// onnx-proto is CommonJS: Node's ESM loader (the built app) sees only its default export.
import onnxProto from 'onnx-proto';
import type { onnx as OnnxTypes } from 'onnx-proto';
import type { Ensemble } from './gbm';

const { onnx } = onnxProto;

/**
 * Writes the four boosted heads as ONE ONNX graph, so a batch costs one onnxruntime run:
 *
 *   features [N, F] ─ ai.onnx.ml TreeEnsembleRegressor (4 targets: fill P10, P50, P90, sold-out margin)
 *     ├─ Slice [:, 0:3] ─ Relu ─────────────────────── fill [N, 3]   (latent demand ÷ capacity, ≥ 0, may exceed 1)
 *     └─ Slice [:, 3:4] ─ Mul a ─ Add b ─ Sigmoid ──── soldOut [N, 1] (Platt-calibrated probability)
 *
 * The fill is deliberately not capped at 1 in the graph: above 1 it is the censored model's estimate of demand
 * beyond the room, which the price optimiser needs; `model.ts` caps tickets at capacity.
 * ai.onnx.ml opset 3 / default opset 13 are what onnxruntime-node 1.30 accepts for these operators (tested).
 */
export interface OnnxHeads {
  featureNames: readonly string[];
  quantiles: [Ensemble, Ensemble, Ensemble];
  soldOut: Ensemble;
  platt: { a: number; b: number };
  producerVersion: string;
  docString: string;
}

export const ONNX_INPUT = 'features';
export const ONNX_FILL_OUTPUT = 'fill';
export const ONNX_SOLD_OUT_OUTPUT = 'soldOut';

const { AttributeType } = onnx.AttributeProto;
const FLOAT = onnx.TensorProto.DataType.FLOAT;
const INT64 = onnx.TensorProto.DataType.INT64;
const text = new TextEncoder();

function attribute(
  name: string,
  value: number[] | string[] | string | number,
  kind: 'ints' | 'floats' | 'strings' | 'string' | 'int' | 'float',
): OnnxTypes.IAttributeProto {
  switch (kind) {
    case 'ints':
      return { name, type: AttributeType.INTS, ints: value as number[] };
    case 'floats':
      return { name, type: AttributeType.FLOATS, floats: value as number[] };
    case 'strings':
      return { name, type: AttributeType.STRINGS, strings: (value as string[]).map((s) => text.encode(s)) };
    case 'string':
      return { name, type: AttributeType.STRING, s: text.encode(value as string) };
    case 'int':
      return { name, type: AttributeType.INT, i: value as number };
    case 'float':
      return { name, type: AttributeType.FLOAT, f: value as number };
  }
}

function tensorInfo(name: string, dims: Array<number | string>): OnnxTypes.IValueInfoProto {
  return {
    name,
    type: {
      tensorType: {
        elemType: FLOAT,
        shape: { dim: dims.map((d) => (typeof d === 'number' ? { dimValue: d } : { dimParam: d })) },
      },
    },
  };
}

function int64Initializer(name: string, values: number[]): OnnxTypes.ITensorProto {
  return { name, dataType: INT64, dims: [values.length], int64Data: values };
}

function floatInitializer(name: string, values: number[]): OnnxTypes.ITensorProto {
  return { name, dataType: FLOAT, dims: [values.length], floatData: values };
}

/** The TreeEnsembleRegressor node for several ensembles, each feeding its own target column. */
function treeEnsembleNode(ensembles: Ensemble[], input: string, output: string): OnnxTypes.INodeProto {
  const nodes = {
    treeIds: [] as number[],
    nodeIds: [] as number[],
    featureIds: [] as number[],
    values: [] as number[],
    modes: [] as string[],
    trueIds: [] as number[],
    falseIds: [] as number[],
    missingTrue: [] as number[],
  };
  const targets = {
    treeIds: [] as number[],
    nodeIds: [] as number[],
    ids: [] as number[],
    weights: [] as number[],
  };
  let treeId = 0;
  ensembles.forEach((ensemble, target) => {
    for (const tree of ensemble.trees) {
      for (let node = 0; node < tree.feature.length; node++) {
        const leaf = tree.feature[node] === -1;
        nodes.treeIds.push(treeId);
        nodes.nodeIds.push(node);
        nodes.featureIds.push(leaf ? 0 : tree.feature[node]!);
        nodes.values.push(leaf ? 0 : tree.threshold[node]!);
        nodes.modes.push(leaf ? 'LEAF' : 'BRANCH_LEQ');
        nodes.trueIds.push(leaf ? 0 : tree.left[node]!);
        nodes.falseIds.push(leaf ? 0 : tree.right[node]!);
        nodes.missingTrue.push(!leaf && tree.missingLeft[node] ? 1 : 0);
        if (leaf) {
          targets.treeIds.push(treeId);
          targets.nodeIds.push(node);
          targets.ids.push(target);
          targets.weights.push(tree.value[node]!);
        }
      }
      treeId++;
    }
  });
  return {
    opType: 'TreeEnsembleRegressor',
    domain: 'ai.onnx.ml',
    name: 'boosted_heads',
    input: [input],
    output: [output],
    attribute: [
      attribute('n_targets', ensembles.length, 'int'),
      attribute('aggregate_function', 'SUM', 'string'),
      attribute('post_transform', 'NONE', 'string'),
      attribute(
        'base_values',
        ensembles.map((e) => e.baseScore),
        'floats',
      ),
      attribute('nodes_treeids', nodes.treeIds, 'ints'),
      attribute('nodes_nodeids', nodes.nodeIds, 'ints'),
      attribute('nodes_featureids', nodes.featureIds, 'ints'),
      attribute('nodes_values', nodes.values, 'floats'),
      attribute('nodes_modes', nodes.modes, 'strings'),
      attribute('nodes_truenodeids', nodes.trueIds, 'ints'),
      attribute('nodes_falsenodeids', nodes.falseIds, 'ints'),
      attribute('nodes_missing_value_tracks_true', nodes.missingTrue, 'ints'),
      attribute('target_treeids', targets.treeIds, 'ints'),
      attribute('target_nodeids', targets.nodeIds, 'ints'),
      attribute('target_ids', targets.ids, 'ints'),
      attribute('target_weights', targets.weights, 'floats'),
    ],
  };
}

/** Serialises the heads to ONNX bytes (protobuf). */
export function exportForecastOnnx(heads: OnnxHeads): Uint8Array {
  const width = heads.featureNames.length;
  const graph: OnnxTypes.IGraphProto = {
    name: 'flowstage_ticket_forecast',
    docString: heads.docString,
    input: [tensorInfo(ONNX_INPUT, ['N', width])],
    output: [tensorInfo(ONNX_FILL_OUTPUT, ['N', 3]), tensorInfo(ONNX_SOLD_OUT_OUTPUT, ['N', 1])],
    initializer: [
      int64Initializer('q_start', [0]),
      int64Initializer('q_end', [3]),
      int64Initializer('s_start', [3]),
      int64Initializer('s_end', [4]),
      int64Initializer('axis1', [1]),
      floatInitializer('platt_a', [heads.platt.a]),
      floatInitializer('platt_b', [heads.platt.b]),
    ],
    node: [
      treeEnsembleNode([...heads.quantiles, heads.soldOut], ONNX_INPUT, 'raw'),
      {
        opType: 'Slice',
        name: 'quantile_columns',
        input: ['raw', 'q_start', 'q_end', 'axis1'],
        output: ['fill_raw'],
      },
      { opType: 'Relu', name: 'fill_non_negative', input: ['fill_raw'], output: [ONNX_FILL_OUTPUT] },
      {
        opType: 'Slice',
        name: 'margin_column',
        input: ['raw', 's_start', 's_end', 'axis1'],
        output: ['margin'],
      },
      { opType: 'Mul', name: 'platt_scale', input: ['margin', 'platt_a'], output: ['margin_scaled'] },
      { opType: 'Add', name: 'platt_shift', input: ['margin_scaled', 'platt_b'], output: ['logit'] },
      { opType: 'Sigmoid', name: 'sold_out_probability', input: ['logit'], output: [ONNX_SOLD_OUT_OUTPUT] },
    ],
  };
  const model: OnnxTypes.IModelProto = {
    irVersion: 8,
    producerName: 'flowstage-forecast',
    producerVersion: heads.producerVersion,
    opsetImport: [
      { domain: '', version: 13 },
      { domain: 'ai.onnx.ml', version: 3 },
    ],
    graph,
  };
  return onnx.ModelProto.encode(onnx.ModelProto.create(model)).finish();
}
