// The sales pipeline's stages come from the server (GET /api/settings/pipelines/default):
// codes, names in both languages, win probabilities and kinds are data an administrator can
// change. Loaded once per session and shared by every screen; forgotten on sign-out.
import { computed, shallowRef } from 'vue';
import { fetchPipeline } from '@/api/pipeline';
import type { Pipeline, PipelineStage } from '@/api/types';
import { i18n } from '@/i18n';

const pipeline = shallowRef<Pipeline | null>(null);
const failure = shallowRef<unknown>(null);
let loading: Promise<Pipeline> | null = null;

/** The default pipeline, asked for at most once until it arrives (a failure asks again). */
export function loadPipeline(): Promise<Pipeline> {
  if (!loading) {
    failure.value = null;
    loading = fetchPipeline('default').then(
      (p) => {
        pipeline.value = p;
        return p;
      },
      (e: unknown) => {
        loading = null;
        failure.value = e;
        throw e;
      },
    );
  }
  return loading;
}

/** Another user may sign in next, with another view of the settings. */
export function resetPipeline(): void {
  pipeline.value = null;
  failure.value = null;
  loading = null;
}

/** A stage's name in the UI's language; the code itself for a stage the pipeline lacks. */
export function stageName(stage: PipelineStage | undefined, code = stage?.code ?? ''): string {
  if (!stage) return code;
  const name = i18n.global.locale.value === 'en' ? stage.name_en : stage.name_zh;
  return name || stage.name_zh || stage.name_en || stage.code;
}

export function usePipeline() {
  void loadPipeline().catch(() => {}); // shown through `error`
  const stages = computed<PipelineStage[]>(() => pipeline.value?.stages ?? []);
  const byCode = computed(() => new Map(stages.value.map((s) => [s.code, s])));
  const stageOf = (code: string) => byCode.value.get(code);
  return {
    pipeline,
    stages,
    openStages: computed(() => stages.value.filter((s) => s.kind === 'open')),
    error: failure,
    ready: loadPipeline,
    stageOf,
    /** "B 商务谈判" / "B Negotiation". */
    stageLabel: (code: string) => {
      const stage = stageOf(code);
      return stage ? `${code} ${stageName(stage)}` : code;
    },
    stageName: (code: string) => stageName(stageOf(code), code),
  };
}
