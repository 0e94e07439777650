/* The rich-text "Citation" button: choose a source (or create one), say where in it, and a
   citation mark is inserted after the cursor. On the public page each mark becomes a numbered
   footnote. Plain ES2017, no build step; uses Wagtail's Draftail and modal APIs. */
(function () {
  "use strict";

  const React = window.React;
  const DraftJS = window.DraftJS;
  const draftail = window.draftail;
  const $ = window.jQuery;

  function entityText(data) {
    return "[" + (data.label || data.title || "?") + "]";
  }

  function collapsedAtEnd(selection) {
    return selection.merge({
      anchorKey: selection.getEndKey(),
      anchorOffset: selection.getEndOffset(),
      focusKey: selection.getEndKey(),
      focusOffset: selection.getEndOffset(),
      isBackward: false,
    });
  }

  class CitationSource extends draftail.ModalWorkflowSource {
    getChooserConfig(entity) {
      const base = this.props.entityType.chooserUrls.citationChooser;
      let url = base;
      let urlParams = {};
      if (entity && entity.getData().id) {
        const data = entity.getData();
        url = base + "chosen/" + encodeURIComponent(data.id) + "/";
        urlParams = { locator: data.locator || "", quote: data.quote || "" };
      }
      const onload = new window.ChooserModalOnloadHandlerFactory().getOnLoadHandlers();
      onload.cite = function (modal) {
        modal.ajaxifyForm($("form[data-citation-form]", modal.body));
        $("[data-citation-choose-another]", modal.body).on("click", function () {
          modal.loadUrl(this.href);
          return false;
        });
        const first = modal.body[0] ? modal.body[0].querySelector("form input, form textarea") : null;
        if (first) first.focus();
      };
      return { url: url, urlParams: urlParams, onload: onload, responses: { chosen: this.onChosen } };
    }

    filterEntityData(data) {
      return {
        id: data.id,
        label: data.label,
        title: data.title,
        locator: data.locator || "",
        quote: data.quote || "",
      };
    }

    onChosen(data) {
      const { editorState, entity, entityType, onComplete } = this.props;
      const entityData = this.filterEntityData(data);
      const content = editorState.getCurrentContent().createEntity(
        entityType.type,
        "IMMUTABLE",
        entityData,
      );
      const entityKey = content.getLastCreatedEntityKey();
      const selection = editorState.getSelection();
      // A new citation goes after the selected words, never over them; an edited one replaces
      // the old mark (Draftail selects it before opening the chooser).
      const target = entity ? selection : collapsedAtEnd(selection);
      const next = DraftJS.Modifier.replaceText(content, target, entityText(entityData), null, entityKey);
      this.workflow.close();
      onComplete(DraftJS.EditorState.push(editorState, next, "insert-characters"));
    }
  }

  function Citation(props) {
    const data = props.contentState.getEntity(props.entityKey).getData();
    let label = data.title || data.label || "";
    if (data.locator) label += ", " + data.locator;
    return React.createElement(draftail.TooltipEntity, {
      entityKey: props.entityKey,
      children: props.children,
      onEdit: props.onEdit,
      onRemove: props.onRemove,
      icon: "#icon-openquote",
      label: label,
      url: null,
    });
  }

  draftail.registerPlugin({ type: "CITATION", source: CitationSource, decorator: Citation }, "entityTypes");
})();
