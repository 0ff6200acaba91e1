import { useEffect, useState } from 'react'
import type { AppInfo } from '../../shared/ipc/contract'
import { parsePoints, parseRisk } from './columns'

interface Summary {
  n: number
  events: number
  rmse: number
}

type Run =
  | { state: 'idle' }
  | { state: 'running' }
  | { state: 'done'; summary: Summary }
  | { state: 'failed'; message: string }

async function reconstructExample(): Promise<Summary> {
  const example = await window.kmpool.loadExample()
  const { ipd, report } = await window.kmpool.reconstruct({
    points: parsePoints(example.pointsCsv),
    risk: parseRisk(example.riskCsv),
  })
  return {
    n: ipd.length,
    events: ipd.filter((row) => row.event === 1).length,
    rmse: report.accuracy.rmse,
  }
}

// Electron prefixes an error from main with the IPC plumbing, which means nothing to a reader.
function messageOf(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error)
  return message.replace(/^Error invoking remote method '[^']*': (Error: )?/, '')
}

export function App() {
  const [info, setInfo] = useState<AppInfo | null>(null)
  const [run, setRun] = useState<Run>({ state: 'idle' })

  useEffect(() => {
    window.kmpool
      .getInfo()
      .then(setInfo)
      .catch((error: unknown) => setRun({ state: 'failed', message: messageOf(error) }))
  }, [])

  function onReconstruct(): void {
    setRun({ state: 'running' })
    reconstructExample()
      .then((summary) => setRun({ state: 'done', summary }))
      .catch((error: unknown) => setRun({ state: 'failed', message: messageOf(error) }))
  }

  return (
    <main className="app">
      <header className="app-header">
        <h1>kmpool</h1>
        {info && <span className="version">version {info.version}</span>}
      </header>
      <p className="lead">
        Digitize Kaplan–Meier figures, reconstruct individual patient data and pool survival across
        studies, offline.
      </p>
      <button type="button" onClick={onReconstruct} disabled={run.state === 'running'}>
        Reconstruct the example
      </button>
      <section className="result" aria-label="Result" aria-live="polite">
        {run.state === 'running' && <p>Reconstructing…</p>}
        {run.state === 'failed' && <p className="error">{run.message}</p>}
        {run.state === 'done' && (
          <dl>
            <dt>Patients</dt>
            <dd>{run.summary.n}</dd>
            <dt>Events</dt>
            <dd>{run.summary.events}</dd>
            <dt>RMSE</dt>
            <dd>{run.summary.rmse.toFixed(4)}</dd>
          </dl>
        )}
      </section>
    </main>
  )
}
