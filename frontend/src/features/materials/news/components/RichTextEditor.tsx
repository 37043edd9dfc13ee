import {
  BoldOutlined,
  ItalicOutlined,
  LineOutlined,
  LinkOutlined,
  OrderedListOutlined,
  PictureOutlined,
  RedoOutlined,
  StrikethroughOutlined,
  UnderlineOutlined,
  UndoOutlined,
  UnorderedListOutlined,
} from '@ant-design/icons';
import Image from '@tiptap/extension-image';
import { EditorContent, useEditor, useEditorState } from '@tiptap/react';
import type { Editor } from '@tiptap/react';
import StarterKit from '@tiptap/starter-kit';
import { Alert, Button, Divider, Flex, Input, Popover, Progress, Tooltip } from 'antd';
import type { ReactNode } from 'react';
import { useCallback, useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ARTICLE_IMAGE_RULE, acceptOf, checkFile, translateUploadError } from '../../rules';
import { MaterialUploadError, uploadArticleImage } from '../../upload';

export interface RichTextEditorProps {
  accountId: string;
  /** The article's position: names the test ids (article-editor-0, article-image-upload-0). */
  index: number;
  /** The HTML to start from (the editor is not controlled afterwards: remount it with a key to load other HTML). */
  initialHtml: string;
  onChange: (html: string) => void;
  readOnly?: boolean;
  invalid?: boolean;
  label: string;
}

function ToolButton({ label, active, disabled, onClick, children }: { label: string; active?: boolean; disabled?: boolean; onClick: () => void; children: ReactNode }) {
  return (
    <Tooltip title={label}>
      <Button
        size="small"
        type={active ? 'primary' : 'text'}
        ghost={active}
        aria-label={label}
        aria-pressed={active}
        disabled={disabled}
        onMouseDown={(event) => event.preventDefault()}
        onClick={onClick}
      >
        {children}
      </Button>
    </Tooltip>
  );
}

/**
 * The article's content as WeChat-friendly HTML (paragraphs, headings, bold/italic/underline/strike, lists, quotes,
 * rules, links, images): Tiptap keeps the markup to its schema, so pasted pages lose their scripts and styles. The image
 * button uploads a jpg/png to `/api/materials/article-images` and inserts Fanmail's copy.
 */
/** The jpg and png files among those pasted or dropped. */
function imageFiles(list: FileList | null | undefined): File[] {
  return Array.from(list ?? []).filter((file) => /^image\/(png|jpe?g)$/.test(file.type) || /\.(png|jpe?g)$/i.test(file.name));
}

export function RichTextEditor({ accountId, index, initialHtml, onChange, readOnly, invalid, label }: RichTextEditorProps) {
  // the editor's paste and drop handlers are fixed at creation: they call the latest upload through this ref
  const insertFiles = useRef<(files: File[], position?: number) => void>(() => {});
  const editor = useEditor({
    extensions: [
      StarterKit.configure({
        heading: { levels: [2, 3] },
        code: false,
        codeBlock: false,
        link: { openOnClick: false, autolink: true, protocols: ['http', 'https'], HTMLAttributes: { rel: 'noopener noreferrer', target: '_blank' } },
      }),
      Image.configure({ inline: false, allowBase64: false }),
    ],
    content: initialHtml,
    editable: !readOnly,
    editorProps: {
      attributes: {
        'data-testid': `article-editor-${index}`,
        'aria-label': label,
        'aria-multiline': 'true',
        role: 'textbox',
        class: 'news-editor-content',
      },
      // pasted or dropped jpg/png files go to the article images like the image button's
      handlePaste: (_view, event) => {
        const files = imageFiles(event.clipboardData?.files);
        if (readOnly || files.length === 0) return false;
        insertFiles.current(files);
        return true;
      },
      handleDrop: (view, event, _slice, moved) => {
        const files = moved ? [] : imageFiles(event.dataTransfer?.files);
        if (readOnly || files.length === 0) return false;
        insertFiles.current(files, view.posAtCoords({ left: event.clientX, top: event.clientY })?.pos);
        return true;
      },
    },
    onUpdate: ({ editor: current }) => onChange(current.isEmpty ? '' : current.getHTML()),
  });

  const images = useArticleImages(editor, accountId);
  useEffect(() => {
    insertFiles.current = images.insert;
  }, [images.insert]);

  return (
    <div className={`news-editor${invalid ? ' news-editor-invalid' : ''}`}>
      {!readOnly && <Toolbar editor={editor} index={index} images={images} />}
      <EditorContent editor={editor} />
    </div>
  );
}

interface ArticleImages {
  /** Percent of the image being sent; null when none is. */
  percent: number | null;
  failure: string | null;
  clearFailure: () => void;
  /** Uploads the files one after the other and inserts each where the cursor (or `position`) is. */
  insert: (files: File[], position?: number) => void;
}

/** Uploads images for the article to `/api/materials/article-images` and inserts Fanmail's copy into the editor. */
function useArticleImages(editor: Editor, accountId: string): ArticleImages {
  const { t } = useTranslation();
  const [percent, setPercent] = useState<number | null>(null);
  const [failure, setFailure] = useState<string | null>(null);
  const clearFailure = useCallback(() => setFailure(null), []);

  const insert = useCallback(
    async (files: File[], position?: number) => {
      setFailure(null);
      for (const file of files) {
        const refused = checkFile(file, ARTICLE_IMAGE_RULE);
        if (refused) {
          setFailure(translateUploadError(t, refused, refused, ARTICLE_IMAGE_RULE));
          continue;
        }
        setPercent(0);
        try {
          const image = await uploadArticleImage(accountId, file, setPercent).promise;
          const node = { type: 'image', attrs: { src: image.url, alt: file.name.replace(/\.[^.]+$/, '') } };
          if (position === undefined) editor.chain().focus().insertContent(node).run();
          else editor.chain().focus().insertContentAt(position, node).run();
        } catch (error: unknown) {
          const upload = error instanceof MaterialUploadError ? error : new MaterialUploadError(-1, null, String(error));
          setFailure(translateUploadError(t, upload.code, upload.message, ARTICLE_IMAGE_RULE, upload.status));
        } finally {
          setPercent(null);
        }
      }
    },
    [accountId, editor, t],
  );
  return { percent, failure, clearFailure, insert: (files, position) => void insert(files, position) };
}

function Toolbar({ editor, index, images }: { editor: Editor; index: number; images: ArticleImages }) {
  const { t } = useTranslation();
  const state = useEditorState({
    editor,
    selector: ({ editor: e }) => ({
      bold: e.isActive('bold'),
      italic: e.isActive('italic'),
      underline: e.isActive('underline'),
      strike: e.isActive('strike'),
      h2: e.isActive('heading', { level: 2 }),
      h3: e.isActive('heading', { level: 3 }),
      bullet: e.isActive('bulletList'),
      ordered: e.isActive('orderedList'),
      quote: e.isActive('blockquote'),
      link: e.isActive('link'),
      href: (e.getAttributes('link').href as string | undefined) ?? '',
      canUndo: e.can().undo(),
      canRedo: e.can().redo(),
    }),
  });
  const chain = () => editor.chain().focus();
  return (
    <Flex className="news-editor-toolbar" wrap gap={2} align="center" role="toolbar" aria-label={t('news.editor.toolbar')}>
      <ToolButton label={t('news.editor.bold')} active={state.bold} onClick={() => chain().toggleBold().run()}>
        <BoldOutlined aria-hidden />
      </ToolButton>
      <ToolButton label={t('news.editor.italic')} active={state.italic} onClick={() => chain().toggleItalic().run()}>
        <ItalicOutlined aria-hidden />
      </ToolButton>
      <ToolButton label={t('news.editor.underline')} active={state.underline} onClick={() => chain().toggleUnderline().run()}>
        <UnderlineOutlined aria-hidden />
      </ToolButton>
      <ToolButton label={t('news.editor.strike')} active={state.strike} onClick={() => chain().toggleStrike().run()}>
        <StrikethroughOutlined aria-hidden />
      </ToolButton>
      <Divider type="vertical" />
      <ToolButton label={t('news.editor.heading2')} active={state.h2} onClick={() => chain().toggleHeading({ level: 2 }).run()}>
        H2
      </ToolButton>
      <ToolButton label={t('news.editor.heading3')} active={state.h3} onClick={() => chain().toggleHeading({ level: 3 }).run()}>
        H3
      </ToolButton>
      <ToolButton label={t('news.editor.bulletList')} active={state.bullet} onClick={() => chain().toggleBulletList().run()}>
        <UnorderedListOutlined aria-hidden />
      </ToolButton>
      <ToolButton label={t('news.editor.orderedList')} active={state.ordered} onClick={() => chain().toggleOrderedList().run()}>
        <OrderedListOutlined aria-hidden />
      </ToolButton>
      <ToolButton label={t('news.editor.quote')} active={state.quote} onClick={() => chain().toggleBlockquote().run()}>
        <span aria-hidden>❝</span>
      </ToolButton>
      <ToolButton label={t('news.editor.rule')} onClick={() => chain().setHorizontalRule().run()}>
        <LineOutlined aria-hidden />
      </ToolButton>
      <Divider type="vertical" />
      <LinkButton editor={editor} active={state.link} href={state.href} />
      <ImageButton index={index} images={images} />
      <Divider type="vertical" />
      <ToolButton label={t('news.editor.undo')} disabled={!state.canUndo} onClick={() => chain().undo().run()}>
        <UndoOutlined aria-hidden />
      </ToolButton>
      <ToolButton label={t('news.editor.redo')} disabled={!state.canRedo} onClick={() => chain().redo().run()}>
        <RedoOutlined aria-hidden />
      </ToolButton>
    </Flex>
  );
}

function LinkButton({ editor, active, href }: { editor: Editor; active: boolean; href: string }) {
  const { t } = useTranslation();
  const [open, setOpen] = useState(false);
  const [url, setUrl] = useState('');
  const [invalid, setInvalid] = useState(false);
  const apply = () => {
    const value = url.trim();
    if (value === '') {
      editor.chain().focus().extendMarkRange('link').unsetLink().run();
      setOpen(false);
      return;
    }
    if (!/^https?:\/\/\S+$/i.test(value)) {
      setInvalid(true);
      return;
    }
    editor.chain().focus().extendMarkRange('link').setLink({ href: value }).run();
    setOpen(false);
  };
  return (
    <Popover
      open={open}
      trigger="click"
      onOpenChange={(next) => {
        setOpen(next);
        if (next) {
          setUrl(href);
          setInvalid(false);
        }
      }}
      content={
        <Flex vertical gap={4} style={{ width: 300 }}>
          <Input.Search
            autoFocus
            value={url}
            status={invalid ? 'error' : undefined}
            placeholder="https://"
            aria-label={t('news.editor.linkUrl')}
            enterButton={t('news.editor.linkApply')}
            onChange={(event) => {
              setUrl(event.target.value);
              setInvalid(false);
            }}
            onSearch={apply}
          />
          {invalid && <span className="news-error-text">{t('materials.errors.CONTENT_SOURCE_URL_INVALID')}</span>}
        </Flex>
      }
    >
      <span>
        <ToolButton label={t('news.editor.link')} active={active} onClick={() => setOpen(true)}>
          <LinkOutlined aria-hidden />
        </ToolButton>
      </span>
    </Popover>
  );
}

function ImageButton({ index, images }: { index: number; images: ArticleImages }) {
  const { t } = useTranslation();
  const input = useRef<HTMLInputElement>(null);
  return (
    <>
      <input
        ref={input}
        type="file"
        style={{ display: 'none' }}
        accept={acceptOf(ARTICLE_IMAGE_RULE)}
        multiple
        data-testid={`article-image-upload-${index}`}
        aria-label={t('news.editor.image')}
        onChange={(event) => {
          const files = Array.from(event.target.files ?? []);
          event.target.value = '';
          if (files.length > 0) images.insert(files);
        }}
      />
      <ToolButton label={t('news.editor.image')} disabled={images.percent !== null} onClick={() => input.current?.click()}>
        <PictureOutlined aria-hidden />
      </ToolButton>
      {images.percent !== null && (
        <Progress percent={images.percent} size="small" style={{ width: 120, margin: 0 }} data-testid={`article-image-progress-${index}`} />
      )}
      {images.failure && (
        <Alert
          type="error"
          showIcon
          closable
          onClose={images.clearFailure}
          message={images.failure}
          style={{ width: '100%', marginTop: 4 }}
          data-testid={`article-image-error-${index}`}
        />
      )}
    </>
  );
}
