/**
 * Answer inspection: streamed (SSE) and whole answers, pseudonym restoration, stream usage.
 * Other folders import only this file.
 */
export { SseParser, SseError, serializeEvent, type SseEvent } from './sse.js';
export type { StreamShape, ReadEvent, ChannelText, TerminalError } from './shape.js';
export { openaiChatStream, openaiResponsesStream, anthropicStream } from './shapes.js';
export { StreamGuard, DEFAULT_HOLD_BACK, DEFAULT_SCAN_STEP, type StreamGuardOptions, type StreamOutcome } from './guard.js';
export { StreamRestorer, vaultFromEntries } from './restore.js';
export { answerSegments, answerUsage, inspectAnswer, type AnswerResult } from './answer.js';
export { prepareStreamRequest, streamShapeFor } from './usage.js';
export { prepareRequest, type PreparedRequest } from './request.js';
export { createAnswerFilter, outputFilter, type AnswerContext, type AnswerFilter, type OutputFilterOptions } from './filter.js';
export { wantsCanary, injectCanary, newCanaryToken } from '../detectors/canary/inject.js';
