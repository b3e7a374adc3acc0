import { useEffect, useImperativeHandle, useRef, type PointerEvent, type Ref } from 'react';
import { useTranslation } from 'react-i18next';
import { Icon } from '../../components/icons';

export interface SignaturePadHandle {
  /** The drawing as a PNG data URL, or null when nothing was drawn. */
  toPng(): string | null;
  clear(): void;
}

const WIDTH = 480;
const HEIGHT = 160;

/**
 * A drawn signature on a <canvas>: pointer events (mouse, pen, finger) with pointer capture, a Clear
 * button, and — for those who cannot draw — "write my name", which renders the signer's name in a
 * handwriting-like face. The canvas is drawn at the device's pixel ratio so the PNG stays sharp.
 */
export function SignaturePad({
  ref,
  name,
  onChange,
}: {
  ref: Ref<SignaturePadHandle>;
  name: string;
  onChange(drawn: boolean): void;
}) {
  const { t } = useTranslation('legal');
  const canvasRef = useRef<HTMLCanvasElement>(null);
  const drawing = useRef<{ x: number; y: number } | null>(null);
  const drawn = useRef(false);

  useEffect(() => {
    const canvas = canvasRef.current;
    if (!canvas) return;
    const ratio = Math.max(1, Math.min(3, window.devicePixelRatio || 1));
    canvas.width = WIDTH * ratio;
    canvas.height = HEIGHT * ratio;
    const context = canvas.getContext('2d');
    context?.scale(ratio, ratio);
  }, []);

  const context = () => {
    const ctx = canvasRef.current?.getContext('2d') ?? null;
    if (ctx) {
      ctx.lineWidth = 2.2;
      ctx.lineCap = 'round';
      ctx.lineJoin = 'round';
      ctx.strokeStyle = '#0f172a';
      ctx.fillStyle = '#0f172a';
    }
    return ctx;
  };

  const point = (event: PointerEvent<HTMLCanvasElement>) => {
    const rect = event.currentTarget.getBoundingClientRect();
    return {
      x: ((event.clientX - rect.left) / rect.width) * WIDTH,
      y: ((event.clientY - rect.top) / rect.height) * HEIGHT,
    };
  };

  const mark = () => {
    if (!drawn.current) {
      drawn.current = true;
      onChange(true);
    }
  };

  const clear = () => {
    const canvas = canvasRef.current;
    const ctx = context();
    if (!canvas || !ctx) return;
    ctx.save();
    ctx.setTransform(1, 0, 0, 1, 0, 0);
    ctx.clearRect(0, 0, canvas.width, canvas.height);
    ctx.restore();
    drawn.current = false;
    onChange(false);
  };

  const writeName = () => {
    const ctx = context();
    if (!ctx || !name.trim()) return;
    clear();
    ctx.font = 'italic 40px "Brush Script MT", "Segoe Script", "URW Chancery L", cursive';
    ctx.textBaseline = 'middle';
    ctx.fillText(name.trim(), 24, HEIGHT / 2, WIDTH - 48);
    mark();
  };

  useImperativeHandle(ref, () => ({
    toPng: () => (drawn.current && canvasRef.current ? canvasRef.current.toDataURL('image/png') : null),
    clear,
  }));

  return (
    <div className="signature-pad">
      <canvas
        ref={canvasRef}
        className="signature-canvas"
        style={{ aspectRatio: `${WIDTH} / ${HEIGHT}` }}
        role="img"
        aria-label={t('sign.padLabel')}
        data-testid="signature-pad"
        onPointerDown={(event) => {
          if (event.button !== 0) return;
          event.currentTarget.setPointerCapture(event.pointerId);
          const p = point(event);
          drawing.current = p;
          const ctx = context();
          ctx?.beginPath();
          ctx?.arc(p.x, p.y, 1.1, 0, Math.PI * 2);
          ctx?.fill();
        }}
        onPointerMove={(event) => {
          const from = drawing.current;
          if (!from) return;
          const ctx = context();
          // Coalesced events keep a fast stroke smooth instead of a polygon.
          const events = event.nativeEvent.getCoalescedEvents?.() ?? [];
          const rect = event.currentTarget.getBoundingClientRect();
          const points = (events.length ? events : [event.nativeEvent]).map((e) => ({
            x: ((e.clientX - rect.left) / rect.width) * WIDTH,
            y: ((e.clientY - rect.top) / rect.height) * HEIGHT,
          }));
          ctx?.beginPath();
          ctx?.moveTo(from.x, from.y);
          for (const p of points) ctx?.lineTo(p.x, p.y);
          ctx?.stroke();
          drawing.current = points[points.length - 1] ?? from;
          mark();
        }}
        onPointerUp={() => {
          drawing.current = null;
        }}
        onPointerCancel={() => {
          drawing.current = null;
        }}
      />
      <p className="field-hint">{t('sign.padHint')}</p>
      <div className="button-row">
        <button type="button" className="button button-small" onClick={clear}>
          <Icon name="close" size={14} />
          {t('sign.clear')}
        </button>
        <button type="button" className="button button-small" onClick={writeName} disabled={!name.trim()}>
          <Icon name="edit" size={14} />
          {t('sign.writeName')}
        </button>
      </div>
    </div>
  );
}
