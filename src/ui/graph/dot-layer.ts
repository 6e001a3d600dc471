/**
 * Messages in flight as dots on a canvas over the graph. They move every frame, so they are kept
 * out of Cytoscape: moving even one Cytoscape element redraws every element, while this layer
 * redraws only the dots (a few hundred circles) and Cytoscape repaints only when the model changes.
 */
import type { Core } from 'cytoscape';
import type { GraphColors } from './cy-style.ts';
import type { Point } from './layout.ts';
import type { MessageData, MessageKind } from './messages.ts';

export interface Dot {
  readonly id: string;
  /** Model (graph) coordinates, as Cytoscape node positions. */
  readonly x: number;
  readonly y: number;
  readonly kind: MessageKind;
  readonly label: string;
  readonly progress: number;
}

/** Each message at `progress` of the straight line from its sender to its receiver. */
export function dotPositions(messages: readonly MessageData[], positionOf: (id: string) => Point | undefined): Dot[] {
  const dots: Dot[] = [];
  for (const m of messages) {
    const a = positionOf(m.from);
    const b = positionOf(m.to);
    if (!a || !b) continue;
    dots.push({ id: m.id, x: a.x + (b.x - a.x) * m.progress, y: a.y + (b.y - a.y) * m.progress, kind: m.kind, label: m.label, progress: m.progress });
  }
  return dots;
}

const RADIUS: Record<MessageKind, number> = { command: 4.5, reply: 3.5, error: 4.5, wal: 4.5, ping: 3, syn: 3, files: 5.5 };

function fill(kind: MessageKind, c: GraphColors): string {
  switch (kind) {
    case 'command':
    case 'files':
      return c.accent;
    case 'wal':
      return c.ok;
    case 'error':
      return c.err;
    case 'reply':
      return c.fg;
    default:
      return c.muted;
  }
}

export class DotLayer {
  private readonly canvas: HTMLCanvasElement;
  private dots: readonly Dot[] = [];
  private labels = false;
  private readonly redraw = () => this.draw();

  constructor(
    private readonly container: HTMLElement,
    private readonly cy: Core,
    private colors: GraphColors,
  ) {
    this.canvas = document.createElement('canvas');
    this.canvas.setAttribute('aria-hidden', 'true');
    Object.assign(this.canvas.style, { position: 'absolute', inset: '0', pointerEvents: 'none', zIndex: '5' });
    container.appendChild(this.canvas);
    cy.on('viewport resize', this.redraw);
  }

  setColors(colors: GraphColors): void {
    this.colors = colors;
    this.draw();
  }

  set(dots: readonly Dot[], labels: boolean): void {
    if (dots.length === 0 && this.dots.length === 0) return;
    this.dots = dots;
    this.labels = labels;
    this.draw();
  }

  draw(): void {
    const ratio = window.devicePixelRatio || 1;
    const width = this.container.clientWidth;
    const height = this.container.clientHeight;
    if (this.canvas.width !== Math.round(width * ratio) || this.canvas.height !== Math.round(height * ratio)) {
      this.canvas.width = Math.round(width * ratio);
      this.canvas.height = Math.round(height * ratio);
      this.canvas.style.width = `${width}px`;
      this.canvas.style.height = `${height}px`;
    }
    const ctx = this.canvas.getContext('2d');
    if (!ctx) return;
    ctx.setTransform(ratio, 0, 0, ratio, 0, 0);
    ctx.clearRect(0, 0, width, height);
    const zoom = this.cy.zoom();
    const pan = this.cy.pan();
    ctx.lineWidth = 1;
    ctx.strokeStyle = this.colors.bg;
    ctx.font = '9px ui-monospace, monospace';
    ctx.textAlign = 'center';
    for (const dot of this.dots) {
      const x = dot.x * zoom + pan.x;
      const y = dot.y * zoom + pan.y;
      if (x < -10 || y < -10 || x > width + 10 || y > height + 10) continue;
      ctx.beginPath();
      ctx.arc(x, y, RADIUS[dot.kind], 0, 2 * Math.PI);
      ctx.fillStyle = fill(dot.kind, this.colors);
      ctx.fill();
      ctx.stroke();
      // Labels only mid-way: at either end they would sit on the node's own label.
      if (this.labels && dot.progress > 0.15 && dot.progress < 0.85) {
        ctx.lineWidth = 3;
        ctx.strokeText(dot.label, x, y - 7);
        ctx.lineWidth = 1;
        ctx.fillStyle = this.colors.muted;
        ctx.fillText(dot.label, x, y - 7);
      }
    }
  }

  destroy(): void {
    this.cy.off('viewport resize', this.redraw);
    this.canvas.remove();
  }
}
