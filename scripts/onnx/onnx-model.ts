/**
 * Serialising an ONNX model (`ModelProto`) from a plain description, with field numbers from
 * onnx/onnx.proto: only the parts a small float graph needs (float32 initializers as raw data, tensor
 * inputs and outputs with fixed or symbolic dimensions, nodes with integer attributes, metadata).
 */
import { Message } from "./protobuf";

/** `TensorProto.DataType.FLOAT`. */
const FLOAT = 1;
/** `AttributeProto.AttributeType.INT`. */
const ATTRIBUTE_INT = 2;

/** A float32 constant of the graph (an initializer). */
export interface FloatTensor {
  /** The tensor's name, referenced by node inputs. */
  readonly name: string;
  /** The shape. */
  readonly dims: readonly number[];
  /** The values in row-major order (as many as the dims multiply to). */
  readonly values: readonly number[];
}

/** A float32 graph input or output: a fixed size, or a name for a symbolic dimension (e.g. `batch`). */
export interface FloatValueInfo {
  /** The value's name. */
  readonly name: string;
  /** One entry per dimension. */
  readonly shape: readonly (number | string)[];
  /** What the value means (the value's doc string). */
  readonly doc: string;
}

/** One operator in the graph. */
export interface GraphNode {
  /** The operator, e.g. `Gemm`. */
  readonly opType: string;
  /** The node's name. */
  readonly name: string;
  /** Input value names. */
  readonly inputs: readonly string[];
  /** Output value names. */
  readonly outputs: readonly string[];
  /** Integer attributes, e.g. Gemm's `transB` (default none). */
  readonly attributes?: Readonly<Record<string, number>>;
}

/** A whole model: one graph in the default ONNX domain. */
export interface OnnxModelSpec {
  /** `ModelProto.ir_version`. */
  readonly irVersion: number;
  /** The version of the default (`ai.onnx`) operator set. */
  readonly opsetVersion: number;
  /** `ModelProto.producer_name`. */
  readonly producerName: string;
  /** `ModelProto.model_version`. */
  readonly modelVersion: number;
  /** `ModelProto.doc_string`. */
  readonly doc: string;
  /** The graph's name. */
  readonly graphName: string;
  /** Nodes, in topological order. */
  readonly nodes: readonly GraphNode[];
  /** Constants. */
  readonly initializers: readonly FloatTensor[];
  /** Graph inputs. */
  readonly inputs: readonly FloatValueInfo[];
  /** Graph outputs. */
  readonly outputs: readonly FloatValueInfo[];
  /** `ModelProto.metadata_props`, written in key order. */
  readonly metadata: Readonly<Record<string, string>>;
}

/** The serialised `ModelProto`. */
export function encodeOnnxModel(spec: OnnxModelSpec): Buffer {
  const graph = new Message();
  for (const node of spec.nodes) graph.message(1, nodeProto(node));
  graph.string(2, spec.graphName);
  for (const tensor of spec.initializers) graph.message(5, tensorProto(tensor));
  for (const input of spec.inputs) graph.message(11, valueInfoProto(input));
  for (const output of spec.outputs) graph.message(12, valueInfoProto(output));

  const model = new Message()
    .int(1, spec.irVersion)
    .string(2, spec.producerName)
    .int(5, spec.modelVersion)
    .string(6, spec.doc)
    .message(7, graph)
    .message(8, new Message().string(1, "").int(2, spec.opsetVersion));
  for (const key of Object.keys(spec.metadata).sort()) {
    model.message(14, new Message().string(1, key).string(2, spec.metadata[key]));
  }
  return model.encode();
}

function nodeProto(node: GraphNode): Message {
  const message = new Message();
  for (const input of node.inputs) message.string(1, input);
  for (const output of node.outputs) message.string(2, output);
  message.string(3, node.name).string(4, node.opType);
  for (const [name, value] of Object.entries(node.attributes ?? {})) {
    message.message(5, new Message().string(1, name).int(3, value).int(20, ATTRIBUTE_INT));
  }
  return message;
}

function tensorProto(tensor: FloatTensor): Message {
  const count = tensor.dims.reduce((product, dim) => product * dim, 1);
  if (count !== tensor.values.length) {
    throw new Error(`initializer ${tensor.name}: dims [${tensor.dims.join(", ")}] hold ${count} values, got ${tensor.values.length}`);
  }
  return new Message()
    .ints(1, tensor.dims)
    .int(2, FLOAT)
    .string(8, tensor.name)
    .bytes(9, Buffer.concat(tensor.values.map(float32)));
}

function valueInfoProto(info: FloatValueInfo): Message {
  const shape = new Message();
  for (const dim of info.shape) {
    shape.message(1, typeof dim === "number" ? new Message().int(1, dim) : new Message().string(2, dim));
  }
  const tensorType = new Message().int(1, FLOAT).message(2, shape);
  return new Message()
    .string(1, info.name)
    .message(2, new Message().message(1, tensorType))
    .string(3, info.doc);
}

/** A float32, little-endian (the form of `raw_data`). */
function float32(value: number): Buffer {
  const buffer = Buffer.alloc(4);
  buffer.writeFloatLE(value);
  if (buffer.readFloatLE() !== value) throw new Error(`${value} is not exactly representable as float32`);
  return buffer;
}
