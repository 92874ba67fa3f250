// The detail view is loaded only when first needed (or once the list has painted), so that its code
// does not weigh on the popup's first rows.
import { useEffect, useState } from 'preact/hooks';
import type { EntityDetailView as View } from './entity-detail.js';

type Module = { EntityDetailView: typeof View };
let loading: Promise<Module> | undefined;

/** Starts loading the detail's code, once. */
export function preloadDetail(): Promise<Module> {
  loading ??= import('./entity-detail.js');
  return loading;
}

export function LazyEntityDetail(props: Parameters<typeof View>[0]) {
  const [module, setModule] = useState<Module | null>(null);
  useEffect(() => {
    let live = true;
    void preloadDetail().then((m) => live && setModule(m));
    return () => {
      live = false;
    };
  }, []);
  if (!module) return <section class="detail" aria-busy="true" />;
  const { EntityDetailView } = module;
  return <EntityDetailView {...props} />;
}
