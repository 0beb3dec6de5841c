// What the server prints about the demo build: tests and benchmarks that start the server wait for this line.

/** Printed once the national demo is complete (its search documents may still be on their way). */
export const DEMO_BUILT_LINE = 'デモデータの作成が完了しました'
